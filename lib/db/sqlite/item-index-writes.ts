import type Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { analyzePack } from "@/lib/context-pack/analyze-pack";
import { perConnection } from "@/lib/db/sqlite/per-connection";
import type { CaptureInput } from "@/lib/interactions/schema";
import { VOLATILE_FIELDS } from "@/lib/memory-audit/volatile-fields";

// The memory audit's item index on SQLite, written by the capture's own transaction
// (store-sqlite.ts) from the pack the request already parsed: the same rows the migration's
// backfill (prisma/migrations/20261207030000_item_index) derives in SQL, at a fraction of the
// cost of walking the stored JSON again in a trigger.

const volatile = new Set<string>(VOLATILE_FIELDS);

/**
 * A version's content as the backfill writes it (json_group_object over the sorted keys): the
 * object without its volatile fields, top-level keys sorted, built as text so that keys that
 * look like numbers keep that order too.
 */
export function versionContent(value: Record<string, unknown>): string {
  const keys = Object.keys(value).filter((k) => !volatile.has(k)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k])}`).join(",")}}`;
}

const statements = perConnection((db) => ({
  version: db.prepare<unknown[], { id: number; interactions: number }>(
    `INSERT INTO item_versions (kind, item_id, content, content_md5, first_seen, last_seen, interactions) VALUES (?, ?, ?, ?, ?, ?, 1)
     ON CONFLICT (kind, item_id, content_md5) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen),
       last_seen = max(last_seen, excluded.last_seen), interactions = interactions + 1
     RETURNING id, interactions`,
  ),
  sighting: db.prepare(
    `INSERT INTO item_sightings (interaction_seq, kind, item_id, version_id, offered, used, created_at, project, client)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  stats: db.prepare(
    `INSERT INTO item_stats (kind, item_id, offered, used, used_unoffered, use_rate, first_seen, last_seen, versions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, item_id) DO UPDATE SET
       offered = offered + excluded.offered, used = used + excluded.used,
       used_unoffered = used_unoffered + excluded.used_unoffered,
       use_rate = CASE WHEN offered + excluded.offered = 0 THEN -1
                       ELSE (used + excluded.used) * 1.0 / (offered + excluded.offered) END,
       first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),
       versions = versions + excluded.versions`,
  ),
  project: db.prepare("INSERT OR IGNORE INTO item_projects (kind, item_id, project) VALUES (?, ?, ?)"),
}));

type Input = Pick<CaptureInput, "context_pack" | "memories_used" | "chunks_used" | "project" | "client">;

/**
 * Indexes one stored interaction's items; call it in the transaction that inserted row `seq`.
 * ITEM_INDEX=0 switches it off, for the bench's same-run comparison only (bench/memory-audit.ts).
 */
export function indexItems(db: Database.Database, seq: number, input: Input, createdAt: number): void {
  if (process.env.ITEM_INDEX === "0") return;
  const s = statements(db);
  const offered = new Map<string, { kind: string; id: string; contents: Set<string> }>();
  for (const item of analyzePack(input.context_pack, input.memories_used, input.chunks_used).items) {
    if (item.kind === "item") continue;
    const key = `${item.kind}\t${item.id}`;
    const entry = offered.get(key) ?? { kind: item.kind, id: item.id, contents: new Set<string>() };
    entry.contents.add(versionContent(item.value));
    offered.set(key, entry);
  }
  const used = new Map<string, { kind: string; id: string }>();
  for (const id of input.memories_used) used.set(`memory\t${id}`, { kind: "memory", id });
  for (const id of input.chunks_used) used.set(`chunk\t${id}`, { kind: "chunk", id });
  for (const key of new Set([...offered.keys(), ...used.keys()])) {
    const o = offered.get(key);
    const { kind, id } = o ?? used.get(key)!;
    let versionId: number | null = null;
    let newVersions = 0;
    for (const content of o?.contents ?? []) {
      const v = s.version.get(kind, id, content, createHash("md5").update(content).digest(), createdAt, createdAt)!;
      versionId = versionId === null ? v.id : Math.min(versionId, v.id);
      if (v.interactions === 1) newVersions++;
    }
    const isOffered = o ? 1 : 0;
    const isUsed = used.has(key) ? 1 : 0;
    s.sighting.run(seq, kind, id, versionId, isOffered, isUsed, createdAt, input.project, input.client);
    s.stats.run(kind, id, isOffered, isUsed, isUsed * (1 - isOffered), isOffered ? isUsed : -1, createdAt, createdAt, newVersions);
    s.project.run(kind, id, input.project);
  }
}
