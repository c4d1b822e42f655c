import { jsonText } from "@/lib/db/dialect";
import { database } from "@/lib/db";
import { ByteLru } from "@/lib/context-pack/byte-lru";
import { buildPackIndex, type PackIndex } from "@/lib/context-pack/pack-index";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { safeJsonList, safeJsonObject } from "@/lib/interactions/row";
import { storedId } from "@/lib/interactions/stored-id";
import { latestRetired } from "@/lib/retention/retired-rows";

// A pack is stored as one JSON text (SQLite TEXT, PostgreSQL jsonb) and changes after the
// capture only by a redaction (a completion adds only the response), and goes with a
// retirement. Either may be made by another process (npm run redact, npm run retire, another
// app server): a cached index is served only while the interaction's count of redactions is the
// one it was built after (read before its pack, so a redaction in between rebuilds it), and the
// cache starts over when a retirement happened. Reading a multi-MB pack costs its text plus its
// parse, tens of MB of heap for a moment, so: the index built from it is cached by interaction
// (bounded by its estimated size), at most BUILD_CONCURRENCY packs are read and indexed at
// once (the others wait), and concurrent requests for one pack share one build.

/** Packs up to this size are also kept whole, for the detail page to show as they are. */
export const SMALL_PACK_BYTES = 128 * 1024;
const CACHE_BYTES = 48 * 1024 * 1024;
const BUILD_CONCURRENCY = 2;

type PackRow = { context_pack: string | null; memories_used: string | null; chunks_used: string | null };
type Built = { index: PackIndex; redactions: number };

const globalForPacks = globalThis as unknown as {
  atocorePacks?: { cache: ByteLru<Built>; building: Map<string, Promise<Built>>; running: number; waiting: (() => void)[]; retired: number };
};

function packs() {
  globalForPacks.atocorePacks ??= { cache: new ByteLru(CACHE_BYTES), building: new Map(), running: 0, waiting: [], retired: 0 };
  return globalForPacks.atocorePacks;
}

async function withBuildSlot<T>(build: () => Promise<T>): Promise<T> {
  const state = packs();
  while (state.running >= BUILD_CONCURRENCY) await new Promise<void>((resolve) => state.waiting.push(resolve));
  state.running++;
  try {
    return await build();
  } finally {
    state.running--;
    state.waiting.shift()?.();
  }
}

function readPackRow(id: string): Promise<PackRow[]> {
  // The jsonb columns as text on PostgreSQL, so both databases hand over the same thing.
  return database().reads.rows<PackRow>(Prisma.sql`
    SELECT ${jsonText("context_pack")} AS context_pack, ${jsonText("memories_used")} AS memories_used,
           ${jsonText("chunks_used")} AS chunks_used
    FROM interactions WHERE id = ${id}`);
}

async function redactionCount(id: string): Promise<number> {
  const [{ n }] = await database().reads.rows<{ n: number | string }>(Prisma.sql`SELECT count(*) AS n FROM interaction_redactions WHERE interaction_id = ${id}`);
  return Number(n);
}

async function build(id: string, redactions: number): Promise<Built> {
  const [row] = await readPackRow(id);
  if (!row) throw new NotFoundError(`No interaction with id ${id}`);
  const pack = safeJsonObject(row.context_pack ?? "{}");
  // The size of the pack as compact JSON: PostgreSQL's text form of jsonb adds spaces.
  const bytes = Buffer.byteLength(JSON.stringify(pack), "utf8");
  const index = buildPackIndex(pack, safeJsonList(row.memories_used), safeJsonList(row.chunks_used), bytes, SMALL_PACK_BYTES);
  const built = { index, redactions };
  packs().cache.set(id, built, index.heapBytes);
  return built;
}

/** The index of an interaction's context pack; NotFoundError when there is no such interaction. */
export async function loadPackIndex(rawId: string): Promise<PackIndex> {
  const id = storedId(rawId);
  const state = packs();
  const [retired, redactions] = await Promise.all([latestRetired(), redactionCount(id)]);
  // Interactions retired since (by any process) must not be served from the cache.
  if (retired !== state.retired) [state.cache, state.retired] = [new ByteLru(CACHE_BYTES), retired];
  const cached = state.cache.get(id);
  if (cached?.redactions === redactions) return cached.index;
  const pending = state.building.get(id);
  if (pending) {
    const built = await pending;
    if (built.redactions === redactions) return built.index;
  }
  const promise = withBuildSlot(() => build(id, redactions)).finally(() => {
    if (state.building.get(id) === promise) state.building.delete(id);
  });
  state.building.set(id, promise);
  return (await promise).index;
}
