import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VerifyResponse } from "@/lib/audit/verify-now";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReviewRecord } from "@/lib/reviews/schema";
import { jsonPost } from "../helpers/api";
import { withDatabase } from "../helpers/open-db";
import { startServer, type RunningServer } from "../helpers/server";

// Reviews on a server of their own, with access control off: attribution to the anonymous
// author, and the chain's coverage of reviews, which these tests break behind the server's back.
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { AUTH_DISABLED: "1" } });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const post = async (path: string, body: unknown) => {
  const res = await server.fetch(path, { ...jsonPost(body), auth: false });
  expect(res.status).toBe(201);
  return (await res.json()) as ReviewRecord & { id: string };
};
const verify = async (scope: "full" | "incremental") => {
  const res = await server.fetch(`/api/audit/verify?scope=${scope}`, { auth: false });
  expect(res.status).toBe(200);
  return (await res.json()) as VerifyResponse;
};
const db = <T>(fn: Parameters<typeof withDatabase<T>>[1]) => withDatabase(server.databaseUrl, fn);

describe("reviews with AUTH_DISABLED=1, and the chain", () => {
  it("attributes reviews to the anonymous author and chains each one, verified in full and incrementally", async () => {
    const turn = await post("/api/interactions", { prompt: "turn", session_id: "s-chain", context_pack: { memories: [{ id: "m" }] } });
    const a = await post(`/api/interactions/${turn.id}/reviews`, { verdict: "problem", pointer: "/memories/0", labels: ["wrong-memory"] });
    expect(a.author).toBe("anonymous (access control off)");
    const s = await post("/api/sessions/s-chain/reviews", { verdict: "question", note: "why?" });
    expect(s.author).toBe("anonymous (access control off)");
    const full = await verify("full");
    expect(full).toMatchObject({ status: "ok", broken: null, links_checked: 3 });
    // A correction after the checkpoint: the incremental run checks it.
    const b = await post(`/api/interactions/${turn.id}/reviews`, { verdict: "ok", pointer: "/memories/0", supersedes: a.id });
    const since = await verify("incremental");
    expect(since).toMatchObject({ status: "ok", broken: null });
    expect(since.head?.link).toBe(full.head!.link + 1);

    // One character of a review's note changed behind the server's back.
    await db((d) => d.run(Prisma.sql`UPDATE reviews SET note = 'why!' WHERE id = ${s.id}`));
    expect((await verify("full")).broken).toMatchObject({ kind: "review", interaction_id: s.id, problem: "row_changed" });
    await db((d) => d.run(Prisma.sql`UPDATE reviews SET note = 'why?' WHERE id = ${s.id}`));
    expect(await verify("full")).toMatchObject({ status: "ok" });

    // A new review edited before the incremental run: its link is after the checkpoint.
    const c = await post(`/api/sessions/s-chain/reviews`, { verdict: "ok", supersedes: s.id });
    await db((d) => d.run(Prisma.sql`UPDATE reviews SET verdict = 'problem' WHERE id = ${c.id}`));
    expect((await verify("incremental")).broken).toMatchObject({ kind: "review", interaction_id: c.id, problem: "row_changed" });
    await db((d) => d.run(Prisma.sql`UPDATE reviews SET verdict = 'ok' WHERE id = ${c.id}`));

    // A review deleted: its link has no row.
    const [row] = await db((d) => d.all(Prisma.sql`SELECT * FROM reviews WHERE id = ${b.id}`));
    await db((d) => d.run(Prisma.sql`DELETE FROM reviews WHERE id = ${b.id}`));
    expect((await verify("full")).broken).toMatchObject({ kind: "review", interaction_id: b.id, problem: "row_missing" });
    const cols = Object.keys(row);
    await db((d) =>
      d.run(
        Prisma.sql`INSERT INTO reviews (${Prisma.raw(cols.join(", "))})
          VALUES (${Prisma.join(cols.map((k) => (k === "created_at" && d.kind === "postgres" ? new Date(Number(row[k])) : row[k])))})`,
      ),
    );
    expect(await verify("full")).toMatchObject({ status: "ok", links_checked: 5 });
  });
});
