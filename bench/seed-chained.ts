import Database from "better-sqlite3";
import { captureLink, chainOnto, GENESIS, type ChainedRow } from "@/lib/audit/canonical-content";
import { seedInteractions } from "./seed";
import { shapeSpec } from "./shape";

// `npx tsx bench/seed-chained.ts FILE ROWS`: a large SQLite database whose rows are chained as
// if each had been captured through the API, to measure what verification costs pages at
// scale. seedInteractions() writes around the chain (fast); the links are then computed from
// the stored rows in seq order, exactly as the writer computes them from the values it binds.

/** Chains every row of a seeded SQLite database that has no link yet, in seq order. */
export function chainSeededRows(file: string): number {
  const db = new Database(file);
  db.pragma("synchronous = OFF");
  const head = (db.prepare("SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1").get() as { hash: string } | undefined)?.hash ?? GENESIS;
  const rows = db.prepare(
    `SELECT i.* FROM interactions i WHERE i.seq > ? AND NOT EXISTS
       (SELECT 1 FROM audit_chain c WHERE c.interaction_id = i.id AND c.kind = 'capture') ORDER BY i.seq LIMIT 5000`,
  );
  const insert = db.prepare(
    "INSERT INTO audit_chain (kind, interaction_id, fields, content_hash, prev_hash, hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  let prev = head;
  let after = 0;
  let n = 0;
  for (;;) {
    const page = rows.all(after) as (ChainedRow & { seq: number })[];
    if (page.length === 0) break;
    const links = chainOnto(prev, page.map((r) => captureLink(r)));
    db.transaction(() => {
      for (const l of links) insert.run(l.kind, l.interactionId, l.fields, l.contentHash, l.prevHash, l.hash, l.at);
    })();
    prev = links.at(-1)!.hash;
    after = page.at(-1)!.seq;
    n += page.length;
  }
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return n;
}

if (process.argv[1]?.endsWith("seed-chained.ts")) {
  const [file, rows = "200000"] = process.argv.slice(2);
  const info = seedInteractions(file, shapeSpec(Number(rows), Date.now()));
  const started = performance.now();
  const chained = chainSeededRows(file);
  console.log(JSON.stringify({ ...info, chained, chainSeconds: (performance.now() - started) / 1000 }));
}
