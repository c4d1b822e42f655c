import Database from "better-sqlite3";
import pg from "pg";
import { createServer } from "node:http";
import { databaseKindOf } from "@/lib/db/database-kind";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { migratePostgres } from "@/lib/db/postgres/migrate";
import { applyWriterPragmas } from "@/lib/db/sqlite/pragmas";
import { walSyncer } from "@/lib/db/sqlite/wal-sync";
import { rowInserter, type RowFields } from "./insert-rows";
import { pgRowInserter } from "./insert-rows-pg";

// The physical floor for `npm run bench`: a bare node:http server that parses the same JSON and
// stores the same rows (the interaction and its used ids, one transaction) at our durability
// settings. SQLite: better-sqlite3 with the same group-committed WAL fsync before answering.
// PostgreSQL: `pg` with a pool of the app's default size, each row one committed statement
// (synchronous_commit as the cluster has it, like the app). No framework, no validation.
// Usage: bare-server.ts <DATABASE_URL>. Prints its port, then serves until killed.

type Body = Omit<RowFields, "context_pack"> & { context_pack?: object };
/** Stores one capture's rows durably; the new id. */
type Store = (row: RowFields, now: number) => Promise<string>;

async function sqliteStore(file: string): Promise<Store> {
  migrateSqlite(file);
  const db = new Database(file);
  applyWriterPragmas(db);
  const { synced } = walSyncer(`${file}-wal`);
  const insert = db.transaction(rowInserter(db));
  return async (row, now) => {
    const id = insert.immediate(row, now);
    await synced();
    return id;
  };
}

async function postgresStore(url: string): Promise<Store> {
  await migratePostgres(url);
  return pgRowInserter(new pg.Pool({ connectionString: url, max: 10 }));
}

const url = process.argv[2];
const store = databaseKindOf(url) === "postgres" ? await postgresStore(url) : await sqliteStore(url.replace(/^file:/, ""));

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const b = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Partial<Body>;
    const now = Date.now();
    const id = await store(
      {
        prompt: b.prompt ?? "",
        response: b.response ?? "",
        response_summary: b.response_summary ?? "",
        project: b.project ?? "",
        client: b.client ?? "",
        session_id: b.session_id ?? "",
        memories_used: b.memories_used ?? [],
        chunks_used: b.chunks_used ?? [],
        context_pack: JSON.stringify(b.context_pack ?? {}),
      },
      now,
    );
    res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id, created_at: new Date(now).toISOString() }));
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : ""}\n`);
});
