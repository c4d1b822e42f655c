import type Database from "better-sqlite3";
import { hash } from "node:crypto";
import { analyzePack } from "@/lib/context-pack/analyze-pack";
import { perConnection, preparedStatement } from "@/lib/db/sqlite/per-connection";
import type { CaptureInput } from "@/lib/interactions/schema";
import { VOLATILE_FIELDS } from "@/lib/memory-audit/volatile-fields";

// The memory audit's item index on SQLite, written from parsed packs (by the fold after the
// captures, lib/db/sqlite/item-index-fold.ts, or by a script's capture transaction): the same rows
// the migration's backfill (prisma/migrations/20261207030000_item_index) derives in SQL.

const volatile = new Set<string>(VOLATILE_FIELDS);

/**
 * A version's content as the backfill writes it (json_group_object over the sorted keys): the
 * object without its volatile fields, top-level keys sorted, built as text so that keys that
 * look like numbers keep that order too.
 */
export function versionContent(value: Record<string, unknown>): string {
  const keys = Object.keys(value).filter((k) => !volatile.has(k)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // A key list given to JSON.stringify orders the keys as listed, but filters nested objects'
  // keys too: one call serves the usual flat object, the other is built member by member.
  if (keys.every((k) => typeof value[k] !== "object" || value[k] === null)) return JSON.stringify(value, keys);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k])}`).join(",")}}`;
}

const statements = perConnection((db) => ({
  // Looked up, then updated or inserted, rather than one upsert with RETURNING: a statement
  // that returns rows keeps a statement journal, and releasing it walks the whole in-memory
  // sub-journal of the write job's savepoint, whose length grows with every page the job
  // changed (an import batch's tens of MB made each upsert cost ~170 µs).
  versionId: db.prepare<[string, string, Buffer], { id: number }>("SELECT id FROM item_versions WHERE kind = ? AND item_id = ? AND content_md5 = ?"),
  seenAgain: db.prepare(
    "UPDATE item_versions SET first_seen = min(first_seen, ?), last_seen = max(last_seen, ?), interactions = interactions + ? WHERE id = ?",
  ),
  newVersion: db.prepare(
    "INSERT INTO item_versions (kind, item_id, content, content_md5, first_seen, last_seen, interactions) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ),
  sighting: db.prepare(
    `INSERT INTO item_sightings (interaction_seq, kind, item_id, version_id, offered, used, created_at, project, client)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  project: db.prepare("INSERT OR IGNORE INTO item_projects (kind, item_id, project) VALUES (?, ?, ?)"),
}));

type Change = { offered: boolean; used: boolean; unoffered: boolean; newVersions: boolean };

/**
 * An item's figures after the rows of one transaction. SQLite rewrites every index over a
 * column the SET list names, changed or not, and item_stats has one sort index per figure: an
 * item that was only offered again (most of a pack) must not rewrite its `used` and `versions`
 * entries, whose pages the commit would then write to the WAL. So each combination of what
 * changed has its own statement, naming only those columns.
 */
function statsUpsert({ offered, used, unoffered, newVersions }: Change): string {
  const set = ["first_seen = min(first_seen, excluded.first_seen)", "last_seen = max(last_seen, excluded.last_seen)"];
  if (offered) set.push("offered = offered + excluded.offered");
  if (used) set.push("used = used + excluded.used");
  if (unoffered) set.push("used_unoffered = used_unoffered + excluded.used_unoffered");
  if (offered || used) {
    set.push("use_rate = CASE WHEN offered + excluded.offered = 0 THEN -1 ELSE (used + excluded.used) * 1.0 / (offered + excluded.offered) END");
  }
  if (newVersions) set.push("versions = versions + excluded.versions");
  return `INSERT INTO item_stats (kind, item_id, offered, used, used_unoffered, use_rate, first_seen, last_seen, versions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, item_id) DO UPDATE SET ${set.join(", ")}`;
}

type Input = Pick<CaptureInput, "context_pack" | "memories_used" | "chunks_used" | "project" | "client">;

/** A stored interaction with its parsed pack: its seq, what it was captured with, and its instant. */
export type IndexedPack = { seq: number; input: Input; createdAt: number };

/** A row a write job just stored: also its id, and its pack's length as stored. */
export type PackRow = IndexedPack & { id: string; bytes: number };

/** A stored interaction as the index reads it: the pack's memories and chunks with their versions, not the pack. */
export type IndexedRow = {
  seq: number;
  createdAt: number;
  project: string;
  client: string;
  memoriesUsed: readonly string[];
  chunksUsed: readonly string[];
  items: PackItemVersion[];
};

/**
 * An item's version: its content (and the content's MD5 once contentMd5 computed it), and the
 * object it was read from while VersionMemo remembers it (null for an item too large to remember).
 */
export type MemoEntry = { value: Record<string, unknown> | null; content: string; md5?: Buffer };

type Remembered = MemoEntry & { value: Record<string, unknown> };

/** A version's content_md5, computed once per memo entry. */
export const contentMd5 = (entry: MemoEntry): Buffer => (entry.md5 ??= hash("md5", entry.content, "buffer"));

/** Whether two objects of an item have the same content: the same fields but the volatile ones, none of them nested. */
function sameContent(known: Record<string, unknown>, value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  let fields = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (volatile.has(k)) continue;
    const v = value[k];
    if ((typeof v === "object" && v !== null) || known[k] !== v || !Object.hasOwn(known, k)) return false;
    fields++;
  }
  const knownKeys = Object.keys(known);
  for (let i = 0; i < knownKeys.length; i++) if (!volatile.has(knownKeys[i])) fields--;
  return fields === 0;
}

/**
 * The last object met of each item and its content, reused while a later object of the item has
 * the same fields: most of a turn's pack is the previous turn's, and building (and hashing) ~1 KB
 * of content per item again was a large part of indexing it. At most `size` items, half of
 * each kind, and `chars` characters of content (an item's object holds about as much again),
 * the ones whose entry is oldest let go first; an item over chars / 1024 is not remembered.
 * (Remembered, the ~30 KB items of eight 12 MiB packs took the server past its RSS goal.)
 */
export class VersionMemo {
  // By kind, then id: one key of both would be a new string to hash for every item met.
  private readonly entries = { memory: new Map<string, Remembered>(), chunk: new Map<string, Remembered>() };
  private readonly perKind: number;
  private held = 0;
  constructor(
    size: number,
    private readonly chars = 8 * 1024 * 1024,
  ) {
    this.perKind = Math.max(1, Math.floor(size / 2));
  }

  of(kind: "memory" | "chunk", id: string, value: Record<string, unknown>): MemoEntry {
    const entries = this.entries[kind];
    const known = entries.get(id);
    if (known && sameContent(known.value, value)) return known;
    const content = versionContent(value);
    // An item of a few KB is what the memo is for; one over 8K characters (a document's text)
    // is not kept, nor its object, while the rest of its pack is indexed.
    if (content.length > this.chars / 1024) return { value: null, content };
    const entry = { value, content };
    if (known) this.forget(kind, id);
    else if (entries.size >= this.perKind) this.forget(kind, entries.keys().next().value!);
    for (const k of [kind, kind === "memory" ? "chunk" : "memory"] as const) {
      while (this.held + entry.content.length > this.chars && this.entries[k].size > 0) this.forget(k, this.entries[k].keys().next().value!);
    }
    entries.set(id, entry);
    this.held += entry.content.length;
    return entry;
  }

  private forget(kind: "memory" | "chunk", id: string): void {
    const entries = this.entries[kind];
    this.held -= entries.get(id)!.content.length;
    entries.delete(id);
  }
}

/** A memory or chunk of a pack with its version (its content, as VersionMemo keeps it). */
export type PackItemVersion = { kind: "memory" | "chunk"; id: string; version: MemoEntry };

/**
 * The memories and chunks of a pack, in document order (an object that is there twice is
 * listed twice), each with its version's content: what the index records of a pack, read by
 * the fold and by the migration's backfill (lib/db/sqlite/migration-functions.ts).
 */
export function packItemVersions(input: Pick<Input, "context_pack" | "memories_used" | "chunks_used">, memo: VersionMemo): PackItemVersion[] {
  const out: PackItemVersion[] = [];
  for (const item of analyzePack(input.context_pack, input.memories_used, input.chunks_used).items) {
    if (item.kind !== "item") out.push({ kind: item.kind, id: item.id, version: memo.of(item.kind, item.id, item.value) });
  }
  return out;
}

// Items remembered per connection: those of the sessions under way, ~1 KB each.
const memoOf = perConnection(() => new VersionMemo(10_000));

/** What the index reads of a row (its items through this connection's VersionMemo). */
export function indexedRow(db: Database.Database, { seq, input, createdAt }: IndexedPack): IndexedRow {
  const { project, client, memories_used, chunks_used } = input;
  return { seq, createdAt, project, client, memoriesUsed: memories_used, chunksUsed: chunks_used, items: packItemVersions(input, memoOf(db)) };
}

type Version = { kind: string; id: string; memo: MemoEntry; interactions: number; first: number; last: number; rowId?: number; isNew?: boolean };
type Figures = { kind: string; id: string; offered: number; used: number; unoffered: number; first: number; last: number; versions: Set<Version> };
type Sighting = { seq: number; kind: string; id: string; versions: Version[]; offered: boolean; used: boolean; createdAt: number; project: string; client: string };

/**
 * Indexes the items of stored rows, in the caller's transaction. Rows indexed together share
 * their items' figures (an agent's session offers the same memories turn after turn), so each
 * item's figures, each version and each project is written once for all of them; only the
 * sightings are one per row and item. `rows` is read once, in order: a lazy iterable keeps one
 * parsed pack alive at a time.
 */
export function indexItems(db: Database.Database, rows: Iterable<IndexedRow>): void {
  // Each item's versions met here, and all of them in order of first appearance. An item's
  // versions are told apart by comparing contents: keying a map by the content would copy and
  // hash its whole text (~1 KB) for every item of every pack.
  const versionsOf = new Map<string, Version[]>();
  const versions: Version[] = [];
  const items = new Map<string, Figures>();
  const projects = new Map<string, [kind: string, id: string, project: string]>();
  const sightings: Sighting[] = [];
  for (const { seq, createdAt, project, client, memoriesUsed, chunksUsed, items: packItems } of rows) {
    const offered = new Map<string, { kind: string; id: string; versions: Version[] }>();
    for (const item of packItems) {
      const key = `${item.kind}\t${item.id}`;
      const known = versionsOf.get(key) ?? [];
      let version = known.find((v) => v.memo.content === item.version.content);
      if (!version) {
        version = { kind: item.kind, id: item.id, memo: item.version, interactions: 0, first: createdAt, last: createdAt };
        versionsOf.set(key, [...known, version]);
        versions.push(version);
      }
      const entry = offered.get(key) ?? { kind: item.kind, id: item.id, versions: [] };
      if (!entry.versions.includes(version)) {
        entry.versions.push(version);
        version.interactions++;
        version.first = Math.min(version.first, createdAt);
        version.last = Math.max(version.last, createdAt);
      }
      offered.set(key, entry);
    }
    const used = new Map<string, { kind: string; id: string }>();
    for (const id of memoriesUsed) used.set(`memory\t${id}`, { kind: "memory", id });
    for (const id of chunksUsed) used.set(`chunk\t${id}`, { kind: "chunk", id });
    for (const key of new Set([...offered.keys(), ...used.keys()])) {
      const o = offered.get(key);
      const { kind, id } = o ?? used.get(key)!;
      const isUsed = used.has(key);
      let figures = items.get(key);
      if (!figures) items.set(key, (figures = { kind, id, offered: 0, used: 0, unoffered: 0, first: createdAt, last: createdAt, versions: new Set() }));
      figures.offered += o ? 1 : 0;
      figures.used += isUsed ? 1 : 0;
      figures.unoffered += isUsed && !o ? 1 : 0;
      figures.first = Math.min(figures.first, createdAt);
      figures.last = Math.max(figures.last, createdAt);
      for (const v of o?.versions ?? []) figures.versions.add(v);
      sightings.push({ seq, kind, id, versions: o?.versions ?? [], offered: !!o, used: isUsed, createdAt, project, client });
      projects.set(`${key}\t${project}`, [kind, id, project]);
    }
  }

  const s = statements(db);
  // In order of first appearance, so that version ids grow with time as the backfill's do.
  for (const v of versions) {
    const md5 = contentMd5(v.memo);
    const known = s.versionId.get(v.kind, v.id, md5);
    v.isNew = known === undefined;
    if (known) s.seenAgain.run(v.first, v.last, v.interactions, (v.rowId = known.id));
    else v.rowId = Number(s.newVersion.run(v.kind, v.id, v.memo.content, md5, v.first, v.last, v.interactions).lastInsertRowid);
  }
  for (const x of sightings) {
    const versionId = x.versions.length === 0 ? null : Math.min(...x.versions.map((v) => v.rowId!));
    s.sighting.run(x.seq, x.kind, x.id, versionId, +x.offered, +x.used, x.createdAt, x.project, x.client);
  }
  for (const f of items.values()) {
    const newVersions = [...f.versions].filter((v) => v.isNew).length;
    const change = { offered: f.offered > 0, used: f.used > 0, unoffered: f.unoffered > 0, newVersions: newVersions > 0 };
    const useRate = f.offered === 0 ? -1 : f.used / f.offered;
    preparedStatement(db, statsUpsert(change)).run(f.kind, f.id, f.offered, f.used, f.unoffered, useRate, f.first, f.last, newVersions);
  }
  for (const p of projects.values()) s.project.run(...p);
}
