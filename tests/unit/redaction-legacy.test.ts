import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureContentHash, GENESIS, linkHash, type ChainedRow } from "@/lib/audit/canonical-content";
import { REDACTED_FIELD_TEXT } from "@/lib/audit/redaction-content";
import { migrateDatabase } from "@/lib/db/migrate-on-start";
import { Prisma } from "@/lib/generated/prisma/client";
import { openTestDb } from "../helpers/open-db";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../helpers/test-database";

// A row captured before v2 links (its capture link covers the text itself) is redacted: the
// v1 link keeps verifying until then, the redaction's base covers the row afterwards, and an
// edit is still caught. On the database TEST_DATABASE names.
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase("redact-legacy", testDatabaseKind());
  process.env.DATABASE_URL = db.url;
  process.env.LOG_LEVEL = "silent";
  process.env.REDACT_SECRETS = "0";
  await migrateDatabase(db.url);
});

afterAll(async () => {
  await (await import("@/lib/db")).database().connections.close();
  await db?.drop();
});

async function sql<T>(query: Prisma.Sql): Promise<T[]> {
  const t = await openTestDb(db.url);
  try {
    return query.sql.trimStart().startsWith("UPDATE") ? (await t.run(query), []) : await t.all<T>(query);
  } finally {
    await t.close();
  }
}

const verify = async () => (await import("@/lib/audit/verify-stored-chain")).verifyStoredChain();

describe("redacting a row captured under the v1 rule", () => {
  it("verifies before and after, and catches an edit afterwards", async () => {
    const { recordInteraction } = await import("@/lib/interactions/record-interaction");
    const { interaction } = await recordInteraction({
      prompt: "my address is 1 Example Street",
      response: "noted",
      response_summary: "",
      project: "p",
      client: "manual",
      session_id: "",
      memories_used: ["m1"],
      chunks_used: [],
      context_pack: { memories: [{ id: "m1", content: "keep" }, { id: "m2", content: "private" }] },
    });
    // Its only link rewritten as the v1 rule writes it (links before redaction existed).
    const [row] = await sql<ChainedRow>(
      Prisma.sql`SELECT id, prompt, response, response_summary, project, client, session_id, memories_used, chunks_used, context_pack, created_at, response_added_at, occurred_at FROM interactions`,
    );
    const content = captureContentHash(row, new Set());
    await sql(Prisma.sql`UPDATE audit_chain SET fields = '', content_hash = ${content}, hash = ${linkHash(GENESIS, content)}`);
    expect((await verify()).status).toBe("ok");

    const { redactInteraction } = await import("@/lib/redactions/redact");
    await redactInteraction(interaction.id, { pointer: "/prompt", reason: "address" }, "test");
    await redactInteraction(interaction.id, { pointer: "/context_pack/memories/1", reason: "private" }, "test");
    const after = await verify();
    expect(after).toMatchObject({ status: "ok", broken: null, redactions: { count: 2 } });
    expect((await sql<{ prompt: string }>(Prisma.sql`SELECT prompt FROM interactions`))[0].prompt).toBe(REDACTED_FIELD_TEXT);

    await sql(Prisma.sql`UPDATE interactions SET response = 'forged'`);
    expect((await verify()).broken).toMatchObject({ interaction_id: interaction.id, kind: "redaction", problem: "row_changed" });
    await sql(Prisma.sql`UPDATE interactions SET response = 'noted'`);
    expect((await verify()).status).toBe("ok");
  });
});
