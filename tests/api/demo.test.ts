import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InteractionRecordSchema, InteractionListSchema } from "@/lib/interactions/schema";
import { SessionDetailSchema } from "@/lib/sessions/schema";
import { runScript } from "../helpers/run-script";
import { startServer, type RunningServer } from "../helpers/server";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// `npm run demo` on a database of its own: the list then shows project `demo` with realistic
// turns, and a second run adds nothing.
let db: TestDatabase;
let server: RunningServer | undefined;
let first: Awaited<ReturnType<typeof runScript>>;

beforeAll(async () => {
  db = await createTestDatabase("demo");
  first = await runScript("scripts/demo.ts", [], { DATABASE_URL: db.url });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

describe("npm run demo", { timeout: 180_000 }, () => {
  it("fills the database with a few thousand realistic turns in project demo", async () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^demo: 3,000 turns added, 0 already present, in project demo$/m);
    const bigPackId = /\/interactions\/([0-9a-f-]{36})$/m.exec(first.stdout)?.[1];
    expect(bigPackId).toBeDefined();

    server = await startServer({ databaseUrl: db.url });
    const page = InteractionListSchema.parse(await (await server.fetch("/api/interactions?project=demo&limit=500")).json());
    expect(page.interactions).toHaveLength(500);
    expect(new Set(page.interactions.map((i) => i.project))).toEqual(new Set(["demo"]));
    const sizes = page.interactions.map((i) => JSON.stringify(i.context_pack).length);
    // Packs of a few KB and of tens of KB, with ids the turns used.
    expect(Math.max(...sizes)).toBeGreaterThan(20_000);
    expect(Math.min(...sizes)).toBeLessThan(5_000);
    expect(page.interactions.some((i) => i.memories_used.length > 0 && i.chunks_used.length > 0)).toBe(true);
    expect(page.interactions.some((i) => /[\u3040-\u30ff]/.test(i.prompt))).toBe(true);

    const session = SessionDetailSchema.parse(await (await server.fetch("/api/sessions/demo-long?limit=10")).json());
    expect(session.session.turns).toBe(1000);
    expect(JSON.stringify(session.turns[0].context_pack).length).toBeGreaterThan(35_000);

    const big = InteractionRecordSchema.parse(await (await server.fetch(`/api/interactions/${bigPackId}`)).json());
    expect(JSON.stringify(big.context_pack).length).toBeGreaterThan(3_000_000);
  });

  it("adds nothing when run again", async () => {
    const again = await runScript("scripts/demo.ts", [], { DATABASE_URL: db.url });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^demo: 0 turns added, 3,000 already present, in project demo$/m);
  });
});
