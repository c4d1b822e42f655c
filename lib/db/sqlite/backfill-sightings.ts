import type Database from "better-sqlite3";
import { hash } from "node:crypto";
import { storedPack, type StoredRow } from "@/lib/db/sqlite/item-index-fold";
import { contentMd5, packItemVersions, VersionMemo, type MemoEntry, type PackItemVersion } from "@/lib/db/sqlite/item-index-writes";
import type { VersionNumbers } from "@/lib/db/sqlite/version-numbers";

// What the item index backfill (prisma/migrations/20261207030000_item_index) reads of the stored
// interactions: every item each one offered or used, as the capture path indexes it. Read on
// threads of their own (backfill-threads.ts) or, for a small database, inline.


/**
 * A stretch of interactions' sightings, by columns (a few arrays to pass between threads, not an
 * array per row): per interaction its seq, instant, project, client and number of rows; per row
 * its kind (0 memory, 1 chunk), id, content (null when given before), MD5 (16 bytes each: the
 * content's, or the id's with `offered` 0, used without being offered), offered, used, and the
 * number of versions the pack offers of that item.
 */
export type SightingsPart = {
  seq: number[];
  createdAt: number[];
  project: string[];
  client: string[];
  rows: number[];
  kind: Uint8Array;
  id: string[];
  content: (string | null)[];
  md5: Uint8Array;
  offered: Uint8Array;
  used: Uint8Array;
  versions: Uint32Array;
};

/** A part is handed over past this many rows or characters of content (a pack may be MBs). */
const PART_ROWS = 16_384;
const PART_CHARS = 4 * 2 ** 20;

/**
 * What a backfill thread starts with: the file, which of how many threads it is, the seqs to read
 * ((low, high], in stretches of `stretch`, the thread's every `threads`-th), and the shared
 * counters (Int32Array): parts posted by each thread, then parts each may post ahead.
 */
export type BackfillThreadData = { file: string; thread: number; threads: number; low: number; high: number; stretch: number; signals: SharedArrayBuffer };

/** The columns the backfill's table function gives, one row per sighting. */
export const SIGHTING_COLUMNS = ["interaction_seq", "created_at", "project", "client", "kind", "item_id", "content", "content_md5", "offered", "used", "versions", "version", "first"];

/**
 * Builds parts from stored rows. One reader keeps items' last versions (a session offers most of
 * a pack again the next turn: neither built nor hashed again) and gives a version's content
 * only the first time it meets it, so that a few texts cross between threads; sightingRows
 * keeps the one on the version's first row, which this reader's earlier rows precede.
 */
export class SightingsReader {
  private readonly memo = new VersionMemo(10_000);
  private readonly given = new WeakSet<MemoEntry>();
  private part = emptyPart(0);
  private filled = 0;
  /** Characters of content in the part being built, to bound a part's size. */
  contentChars = 0;

  /** Rows in the part being built. */
  get rows(): number {
    return this.filled;
  }

  /** Adds one interaction's sightings to the part being built. */
  add(row: StoredRow): void {
    const input = storedPack(row);
    const used = { memory: new Set(input.memories_used), chunk: new Set(input.chunks_used) };
    // Each item's versions in this pack: almost always one, so an array only for a second.
    const offered = { memory: new Map<string, MemoEntry | MemoEntry[]>(), chunk: new Map<string, MemoEntry | MemoEntry[]>() };
    const items: PackItemVersion[] = [];
    for (const item of packItemVersions(input, this.memo)) {
      const known = offered[item.kind].get(item.id);
      if (known === undefined) offered[item.kind].set(item.id, item.version);
      else {
        const md5 = contentMd5(item.version);
        const versions = Array.isArray(known) ? known : [known];
        if (versions.some((v) => contentMd5(v).equals(md5))) continue;
        offered[item.kind].set(item.id, [...versions, item.version]);
      }
      items.push(item);
    }
    const start = this.filled;
    for (const { kind, id, version } of items) {
      const isNew = !this.given.has(version);
      this.given.add(version);
      const versions = offered[kind].get(id)!;
      this.push(kind, id, isNew ? version.content : null, contentMd5(version), true, used[kind].has(id), Array.isArray(versions) ? versions.length : 1);
    }
    for (const kind of ["memory", "chunk"] as const) {
      for (const id of used[kind]) if (!offered[kind].has(id)) this.push(kind, id, null, hash("md5", id, "buffer"), false, true, 0);
    }
    const p = this.part;
    p.seq.push(row.seq);
    p.createdAt.push(Number(row.created_at));
    p.project.push(row.project);
    p.client.push(row.client);
    p.rows.push(this.filled - start);
  }

  /** The rows added so far, handed over; the next part starts empty. */
  take(): SightingsPart {
    const p = this.part;
    const n = this.filled;
    this.part = emptyPart(Math.max(64, n));
    this.filled = 0;
    this.contentChars = 0;
    return { ...p, kind: p.kind.subarray(0, n), md5: p.md5.subarray(0, 16 * n), offered: p.offered.subarray(0, n), used: p.used.subarray(0, n), versions: p.versions.subarray(0, n) };
  }

  private push(kind: "memory" | "chunk", id: string, content: string | null, md5: Buffer, offered: boolean, used: boolean, versions: number) {
    if (this.filled === this.part.kind.length) this.part = grown(this.part, this.filled);
    const p = this.part;
    const i = this.filled++;
    p.kind[i] = kind === "memory" ? 0 : 1;
    p.id.push(id);
    p.content.push(content);
    if (content !== null) this.contentChars += content.length;
    p.md5.set(md5, 16 * i);
    p.offered[i] = offered ? 1 : 0;
    p.used[i] = used ? 1 : 0;
    p.versions[i] = versions;
  }
}

function emptyPart(capacity: number): SightingsPart {
  return {
    seq: [],
    createdAt: [],
    project: [],
    client: [],
    rows: [],
    kind: new Uint8Array(capacity),
    id: [],
    content: [],
    md5: new Uint8Array(16 * capacity),
    offered: new Uint8Array(capacity),
    used: new Uint8Array(capacity),
    versions: new Uint32Array(capacity),
  };
}

function grown(p: SightingsPart, n: number): SightingsPart {
  const q = emptyPart(Math.max(64, 2 * n));
  q.kind.set(p.kind);
  q.md5.set(p.md5);
  q.offered.set(p.offered);
  q.used.set(p.used);
  q.versions.set(p.versions);
  return { ...p, kind: q.kind, md5: q.md5, offered: q.offered, used: q.used, versions: q.versions };
}

/**
 * A part's rows as the table function gives them (SIGHTING_COLUMNS), each counted in `numbers`
 * (one for all the parts, taken in seq order) and given its version's number there; a version's
 * content and MD5 only on its first row ("first" 1): the number stands for them on the others.
 * Returns how many.
 */
export function* sightingRows(p: SightingsPart, numbers: VersionNumbers): Generator<unknown[], number> {
  let r = 0;
  for (let i = 0; i < p.seq.length; i++) {
    const seq = BigInt(p.seq[i]);
    const createdAt = p.createdAt[i];
    const instant = BigInt(createdAt);
    for (const end = r + p.rows[i]; r < end; r++) {
      const offered = p.offered[r];
      const kind = p.kind[r] as 0 | 1;
      const version = numbers.sighted(kind, p.id[r], p.md5, 16 * r, createdAt, offered === 1, p.used[r] === 1, p.versions[r]);
      const first = numbers.fresh;
      const md5 = first && offered ? Buffer.from(p.md5.buffer, p.md5.byteOffset + 16 * r, 16) : null;
      yield [seq, instant, p.project[i], p.client[i], kind === 0 ? "memory" : "chunk", p.id[r], first ? p.content[r] : null, md5, offered, p.used[r], p.versions[r], version, first ? 1 : 0];
    }
  }
  return r;
}

/** The bounds of the stored interactions' seqs: (low, high]. */
export function storedSeqs(reader: Database.Database): { low: number; high: number } {
  const r = reader.prepare("SELECT min(seq) AS low, max(seq) AS high FROM interactions").get() as { low: number | null; high: number | null };
  return r.low === null || r.high === null ? { low: 0, high: 0 } : { low: r.low - 1, high: r.high };
}

/**
 * The parts of the interactions in stretches of `stretch` seqs, the first from `from` and then
 * every `step`, up to `high`: a stretch's last part is marked, even empty (the backfill's
 * threads take turns by stretch, and the migrating thread follows them by it).
 */
export function* storedParts(db: Database.Database, from: number, high: number, step: number, stretch: number): Generator<{ part: SightingsPart; last: boolean }> {
  const rows = db.prepare<[number, number], StoredRow>(
    "SELECT seq, created_at, project, client, context_pack, memories_used, chunks_used FROM interactions WHERE seq > ? AND seq <= ? ORDER BY seq",
  );
  const reader = new SightingsReader();
  for (let start = from; start < high; start += step) {
    for (const row of rows.iterate(start, Math.min(high, start + stretch))) {
      reader.add(row);
      if (reader.rows >= PART_ROWS || reader.contentChars >= PART_CHARS) yield { part: reader.take(), last: false };
    }
    yield { part: reader.take(), last: true };
  }
}
