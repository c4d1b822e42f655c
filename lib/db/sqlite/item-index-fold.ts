import type Database from "better-sqlite3";
import { indexedRow, indexItems, type IndexedPack, type IndexedRow, type PackRow } from "@/lib/db/sqlite/item-index-writes";
import { perConnection } from "@/lib/db/sqlite/per-connection";
import { safeJsonList, safeJsonObject } from "@/lib/interactions/row";

// The memory audit's item index on SQLite is folded in after the capture, in batches: indexing
// a pack's ~50 items touches ~400 pages scattered over the index's B-trees, several times what
// the capture itself writes, while a batch of captures of the same sessions shares most of
// them (the same memories are offered turn after turn). Interactions up to
// item_index_state.indexed_seq are indexed; the transaction that indexes later ones moves it
// with them, so a crash loses neither. Every read of the index folds what is pending first
// (lib/db/sqlite/memory-audit.ts), so no answer misses an acknowledged capture.

/**
 * Interactions per fold transaction when the write thread has nothing else to do: enough to
 * share most pages between captures. Such a fold yields (below): a capture arriving meanwhile
 * waits for one chunk of YIELDING_CHUNK_ROWS and the commit, not for the whole transaction
 * (0.1-0.3 s on packs of 50 items, which a capture arriving after a burst waited for).
 */
export const IDLE_FOLD_ROWS = 100;

// Rows per indexItems call, and the bytes of stored packs they may hold (a pack can be MBs).
const CHUNK_ROWS = 200;
const CHUNK_BYTES = 2 * 1024 * 1024;
/** Rows per indexItems call of a yielding fold: a job that arrives waits for at most one. */
export const YIELDING_CHUNK_ROWS = 10;

type PendingRow = { seq: number; id: string; project: string; client: string; memories_used: string; chunks_used: string; context_pack: string; created_at: number | string; bytes: number };

/** A stored interaction as its items are read from it (by the fold, and by the migration's backfill). */
export type StoredRow = Omit<PendingRow, "id" | "bytes">;

/**
 * Rows a write job stored on this connection, kept as the index reads them until the fold
 * (by seq): reading a ~40 KB pack back and parsing it again was a fifth of the fold's cost.
 * A kept row holds its items, which share the VersionMemo's entries (a few KB), or at worst
 * its pack's objects: bounded in rows and in the packs' stored bytes, and a large pack is not
 * kept (the fold reads it back, one at a time; kept, eight 12 MiB captures at once took the
 * server past its RSS goal). Only a hint: the fold takes a row kept only while the row stored
 * at that seq has the same id and no redaction (which rewrites the pack, maybe from another
 * process), and reads it back otherwise.
 */
const KEPT_ROWS = 1_000;
const KEPT_BYTES = 8 * 1024 * 1024;
const KEPT_PACK_BYTES = 256 * 1024;
type Kept = { id: string; bytes: number; row: IndexedRow };
const kept = perConnection(() => ({ rows: new Map<number, Kept>(), bytes: 0 }));

const statements = perConnection((db) => ({
  indexedSeq: db.prepare<[], number>("SELECT indexed_seq FROM item_index_state WHERE id = 1").pluck(),
  lastSeq: db.prepare<[], number>("SELECT coalesce(max(seq), 0) FROM interactions").pluck(),
  // Whether a pending row may be taken as kept: its id, and whether a redaction rewrote it.
  pending: db.prepare<[number, number], { seq: number; id: string; redacted: number }>(
    `SELECT seq, id, EXISTS (SELECT 1 FROM interaction_redactions AS r WHERE r.interaction_id = i.id) AS redacted
     FROM interactions AS i WHERE seq > ? AND seq <= ? ORDER BY seq`,
  ),
  stored: db.prepare<[number], PendingRow>(
    `SELECT seq, id, project, client, memories_used, chunks_used, context_pack, created_at, length(context_pack) AS bytes
     FROM interactions WHERE seq = ?`,
  ),
  advance: db.prepare<[number]>("UPDATE item_index_state SET indexed_seq = ? WHERE id = 1"),
}));

const deferring = new WeakSet<Database.Database>();
const jobWaiting = new WeakMap<Database.Database, () => boolean>();

/**
 * Leaves the rows this connection stores to a later fold (the write thread's, between and
 * after its jobs). Elsewhere (scripts, tests) each write job indexes what it stored.
 */
export function deferItemIndex(db: Database.Database): void {
  deferring.add(db);
}

/**
 * How a yielding fold on this connection learns that a job waits for it (the write thread's
 * count of jobs posted to it and not yet received).
 */
export function yieldFoldsTo(db: Database.Database, waiting: () => boolean): void {
  jobWaiting.set(db, waiting);
}

// ITEM_INDEX=0 switches the index off, for the bench's same-run comparison only (bench/memory-audit.ts).
const switchedOff = () => process.env.ITEM_INDEX === "0";

/** A pending interaction: as this connection kept it when it stored it, or as read back. */
type Pending = { seq: number; bytes: number; row: IndexedRow } | PendingRow;

function nextChunk(db: Database.Database, after: number, through: number, limit: number, maxBytes = CHUNK_BYTES): Pending[] {
  const s = statements(db);
  const keptRows = kept(db).rows;
  const rows: Pending[] = [];
  let bytes = 0;
  for (const { seq, id, redacted } of s.pending.iterate(after, through)) {
    const k = keptRows.get(seq);
    const row = k && k.id === id && !redacted ? { seq, bytes: k.bytes, row: k.row } : s.stored.get(seq)!;
    rows.push(row);
    bytes += row.bytes;
    if (rows.length >= Math.min(limit, CHUNK_ROWS) || bytes >= Math.min(maxBytes, CHUNK_BYTES)) break;
  }
  return rows;
}

function keep(db: Database.Database, created: readonly PackRow[]): void {
  const k = kept(db);
  for (const r of created) {
    if (r.bytes > KEPT_PACK_BYTES) continue;
    if (k.rows.size >= KEPT_ROWS || k.bytes + r.bytes > KEPT_BYTES) return;
    k.bytes += r.bytes - (k.rows.get(r.seq)?.bytes ?? 0);
    k.rows.set(r.seq, { id: r.id, bytes: r.bytes, row: indexedRow(db, r) });
  }
}

/** Lets go of the rows kept for seqs up to `through` (folded, or never stored: a rolled-back job's). */
function forgetKept(db: Database.Database, through: number): void {
  const k = kept(db);
  // Kept in the order stored, which is seq order (a seq stored again keeps its place).
  for (const [seq, { bytes }] of k.rows) {
    if (seq > through) break;
    k.rows.delete(seq);
    k.bytes -= bytes;
  }
}

/**
 * A stored interaction as the index reads it: its JSON columns parsed as every read parses them
 * (lib/interactions/row.ts). A row another tool stored with text that is not JSON is indexed
 * with an empty pack and lists, as the API shows it; parsed strictly, it failed every fold from
 * there on (item_index_fold_failed), and so every memory-audit read and every script's capture.
 */
export function storedPackRow(row: StoredRow): IndexedPack {
  return { seq: row.seq, input: { ...storedPack(row), project: row.project, client: row.client }, createdAt: Number(row.created_at) };
}

/** A stored row's pack and lists, parsed as storedPackRow parses them. */
export function storedPack(row: Pick<PendingRow, "context_pack" | "memories_used" | "chunks_used">): Pick<PackRow["input"], "context_pack" | "memories_used" | "chunks_used"> {
  return { context_pack: safeJsonObject(row.context_pack), memories_used: safeJsonList(row.memories_used), chunks_used: safeJsonList(row.chunks_used) };
}

// Each stored pack's text is let go once read, before its items are indexed (a pack can be
// MBs), and its objects once indexed.
function* parsedOneByOne(db: Database.Database, rows: Pending[]): Generator<IndexedRow> {
  for (let i = 0; i < rows.length; i++) yield take(db, rows, i);
}

function take(db: Database.Database, rows: Pending[], i: number): IndexedRow {
  const pending = rows[i];
  if ("row" in pending) return pending.row;
  rows[i] = { ...pending, context_pack: "" };
  return indexedRow(db, storedPackRow(pending));
}

/**
 * How much a fold indexes: `rows` pending interactions, and past them more while the packs
 * indexed hold fewer than `bytes`, up to `upTo` interactions in all. The index's cost per
 * interaction falls as more share a transaction and grows with its pack, so a bound in bytes
 * lets a fold of small packs take more of them for the same stall. A `yielding` fold stops
 * early, between chunks of YIELDING_CHUNK_ROWS, once a job waits (yieldFoldsTo).
 */
export type FoldLimit = number | { rows: number; upTo: number; bytes: number; yielding?: boolean };

/** The write thread's fold when it has nothing else to do. */
export const IDLE_FOLD: FoldLimit = { rows: IDLE_FOLD_ROWS, upTo: IDLE_FOLD_ROWS, bytes: 0, yielding: true };

/**
 * Indexes pending interactions (those up to seq `through`), oldest first, as many as `limit`
 * says, in the caller's write transaction, and answers how many remain pending (counted in
 * seqs, an upper bound).
 */
export function foldItemIndex(db: Database.Database, limit: FoldLimit = Infinity, through = Number.MAX_SAFE_INTEGER): number {
  const { rows: wanted, upTo, bytes: byteBudget, yielding = false } = typeof limit === "number" ? { rows: limit, upTo: limit, bytes: 0 } : limit;
  const waiting = yielding ? jobWaiting.get(db) : undefined;
  const chunk = waiting ? YIELDING_CHUNK_ROWS : Infinity;
  const s = statements(db);
  const start = s.indexedSeq.get()!;
  if (switchedOff()) {
    s.advance.run(Math.min(through, s.lastSeq.get()!));
    forgetKept(db, through);
    return 0;
  }
  let indexed = start;
  let folded = 0;
  let bytes = 0;
  while (folded < upTo && (folded < wanted || bytes < byteBudget)) {
    const rows =
      folded < wanted
        ? nextChunk(db, indexed, through, Math.min(chunk, wanted - folded))
        : nextChunk(db, indexed, through, Math.min(chunk, upTo - folded), byteBudget - bytes);
    if (rows.length === 0) break;
    for (const row of rows) bytes += row.bytes;
    indexItems(db, parsedOneByOne(db, rows));
    indexed = rows[rows.length - 1].seq;
    folded += rows.length;
    if (waiting?.()) break;
  }
  if (indexed !== start) s.advance.run(indexed);
  forgetKept(db, indexed);
  return s.lastSeq.get()! - indexed;
}

/**
 * Indexes the rows a write job just stored (`created`, in seq order) from the values it stored,
 * rows another connection left pending first; or, on a connection that defers them, keeps
 * them for the fold.
 */
export function indexOnStore(db: Database.Database, created: readonly PackRow[]): void {
  if (created.length === 0) return;
  if (deferring.has(db)) {
    if (!switchedOff()) keep(db, created);
    return;
  }
  const s = statements(db);
  if (s.indexedSeq.get()! < created[0].seq - 1) foldItemIndex(db, Infinity, created[0].seq - 1);
  if (!switchedOff()) indexItems(db, created.map((r) => indexedRow(db, r)));
  s.advance.run(created[created.length - 1].seq);
}

/** Whether the interaction with this seq is in the index already (else a fold will read it as it is then). */
export function itemIndexHas(db: Database.Database, seq: number): boolean {
  return seq <= statements(db).indexedSeq.get()!;
}

/** How many interactions wait for a fold (counted in seqs, an upper bound). */
export function itemIndexBehind(db: Database.Database): number {
  const s = statements(db);
  return s.lastSeq.get()! - s.indexedSeq.get()!;
}
