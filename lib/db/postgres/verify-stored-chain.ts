import pg from "pg";
import { verifyChain, type VerifyOptions, type VerifyRun } from "@/lib/audit/verify-chain";

/** The chain of the PostgreSQL database at `url`, read on a client of its own inside one snapshot. */
export async function verifyPostgresChain(url: string, options: VerifyOptions): Promise<VerifyRun> {
  const client = new pg.Client({ connectionString: url });
  // A lost connection fails the query in flight; the event itself must not go uncaught.
  client.on("error", () => {});
  await client.connect();
  try {
    // REPEATABLE READ: every page sees the same snapshot, in which rows and their links
    // committed together.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    return await verifyChain({ kind: "postgres", all: async (q) => (await client.query(q.text, q.values)).rows }, options);
  } finally {
    await client.end();
  }
}
