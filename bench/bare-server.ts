import Database from "better-sqlite3";
import { createServer } from "node:http";
import { migrateSqlite } from "@/lib/db/migrate";
import { applyWriterPragmas } from "@/lib/db/pragmas";
import { walSyncer } from "@/lib/db/wal-sync";
import { rowInserter, type RowFields } from "./insert-rows";

// The physical floor for `npm run bench`: a bare node:http server that parses the same JSON and
// stores the same rows (the interaction and its used ids, one transaction) with better-sqlite3 at
// our durability settings (the same group-committed WAL fsync before answering). No framework, no
// validation. Prints its port, then serves until killed.

const file = process.argv[2];
migrateSqlite(file);
const db = new Database(file);
applyWriterPragmas(db);
const synced = walSyncer(`${file}-wal`);
const insertRow = rowInserter(db);

type Body = Omit<RowFields, "context_pack"> & { context_pack?: object };

const store = db.transaction((b: Partial<Body>) => {
  const now = Date.now();
  const id = insertRow(
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
  return { id, created_at: new Date(now).toISOString() };
});

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const stored = store.immediate(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Partial<Body>);
    await synced();
    res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(stored));
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : ""}\n`);
});
