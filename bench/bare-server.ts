import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { migrateSqlite } from "@/lib/db/migrate";
import { applyWriterPragmas } from "@/lib/db/pragmas";
import { walSyncer } from "@/lib/db/wal-sync";

// The physical floor for `npm run bench`: a bare node:http server that parses the same JSON and
// stores the same rows (the interaction and its used ids, one transaction) with better-sqlite3 at
// our durability settings (the same group-committed WAL fsync before answering). No framework, no
// validation. Prints its port, then serves until killed.

const file = process.argv[2];
migrateSqlite(file);
const db = new Database(file);
applyWriterPragmas(db);
const synced = walSyncer(`${file}-wal`);
const insert = db.prepare(
  `INSERT INTO interactions (id, prompt, response, response_summary, project, client, session_id,
     memories_used, chunks_used, context_pack, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
);
const insertUse = db.prepare("INSERT OR IGNORE INTO interaction_uses (interaction_seq, kind, item_id, created_at) VALUES (?, ?, ?, ?)");

type Body = Record<string, string> & { memories_used: string[]; chunks_used: string[]; context_pack: object };

const store = db.transaction((b: Body) => {
  const id = randomUUID();
  const now = Date.now();
  const { seq } = insert.get(
    id, b.prompt, b.response ?? "", b.response_summary ?? "", b.project ?? "", b.client ?? "", b.session_id ?? "",
    JSON.stringify(b.memories_used ?? []), JSON.stringify(b.chunks_used ?? []), JSON.stringify(b.context_pack ?? {}), now,
  ) as { seq: number };
  for (const m of new Set(b.memories_used ?? [])) insertUse.run(seq, "memory", m, now);
  for (const c of new Set(b.chunks_used ?? [])) insertUse.run(seq, "chunk", c, now);
  return { id, created_at: new Date(now).toISOString() };
});

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const stored = store.immediate(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Body);
    await synced();
    res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(stored));
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : ""}\n`);
});
