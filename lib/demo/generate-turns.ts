// Realistic turns, generated: what an agent's audit trail looks like at scale, for the bench
// (bench/), `npm run demo` and tests. Deterministic from a seed, so a run writes the same rows
// (same ids, same content) every time, and streamed in capture order, so a million of them
// never sit in memory at once.
//
// The shape: sessions of hundreds of turns mixed with short ones; one session of
// `longSessionTurns` turns whose every pack holds 20 memories and 30 chunks with text (~40 KB);
// one turn with a pack of 3,000 items (~3 MB); other packs mostly of a few KB, a fifth of tens of
// KB, each turn's keeping most of its session's previous pack; memory and chunk ids recurring
// across sessions with Zipf-like frequencies (a few are in
// everything, most are rare), each with the same text wherever it recurs, one in eight revised
// monthly; Japanese, Arabic and emoji text in prompts and some chunks.

import type { InteractionRecord } from "@/lib/interactions/schema";

export type Rng = () => number;

/** mulberry32: a tiny seeded PRNG, enough for spreading test data. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)];
export const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
/** A rank in [0, n): rank k drawn with probability ~ 1/(k+1) (Zipf, s = 1). */
const zipf = (r: Rng, n: number) => Math.min(n - 1, Math.floor(Math.pow(n + 1, r())) - 1);

const WORDS = (
  "the a to of and in is for on with that this it as be by from or are at we can not have will " +
  "deploy service config token rotate key worker queue retry cache index query latency timeout " +
  "session project client memory chunk context agent prompt response summary audit trail review " +
  "database migration schema table column row page cursor filter since until limit request error " +
  "build test release branch merge commit pipeline container cluster node region backup restore " +
  "user account permission scope admin read write capture batch stream parse validate store"
).split(" ");

const JAPANESE = [
  "デプロイ後にワーカーが再起動しない原因を調べてください。",
  "APIキーのローテーション手順を教えてください。",
  "この設定ファイルのタイムアウト値は何秒ですか？",
  "検索インデックスを再構築する方法を説明してください。",
  "昨日のセッションの要約を日本語で書いてください。",
  "監査ログはどこに保存されていますか？",
];
const ARABIC = [
  "كيف أقوم بتدوير مفاتيح الواجهة البرمجية؟",
  "ما سبب فشل النشر الأخير؟",
  "لخص هذه الجلسة من فضلك.",
  "أين يتم تخزين سجلات التدقيق؟",
  "هل يمكن إعادة بناء فهرس البحث دون توقف الخدمة؟",
];
const EMOJI = ["🚀", "✅", "🔥", "🤖", "📦", "👍🏽", "🇯🇵", "👩‍💻", "🧪", "⚠️"];

function sentence(r: Rng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(r, WORDS));
  const s = out.join(" ");
  return s[0].toUpperCase() + s.slice(1) + ".";
}

function paragraph(r: Rng, chars: number): string {
  let s = "";
  while (s.length < chars) s += (s ? " " : "") + sentence(r, int(r, 6, 18));
  return s;
}

/** A body of text to cut item texts from: the same id always gets the same slice. */
function corpus(seed: number): { latin: string; japanese: string } {
  const r = rng(seed);
  const japanese: string[] = [];
  while (japanese.join("").length < 40_000) japanese.push(pick(r, JAPANESE));
  return { latin: paragraph(r, 400_000), japanese: japanese.join("") };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * An item's text: the same every time its id recurs, at a length of its own, as a memory
 * system serves a stored memory or chunk. One id in eight is revised every 30 days (its content
 * drifts, as edited memories and re-indexed documents do); \`at\` counts from the set's first instant.
 */
function textOf(c: { latin: string; japanese: string }, kind: keyof typeof TEXT_CHARS, id: string, at: number): string {
  const h = hash(id);
  const revision = h % 8 === 0 ? Math.floor(at / (30 * DAY)) : 0;
  const [lo, hi] = TEXT_CHARS[kind];
  const source = h % 17 === 0 ? c.japanese : c.latin;
  const len = Math.min(lo + (h % (hi - lo + 1)), source.length - 1);
  const start = hash(`${id}@${revision}`) % (source.length - len);
  return source.slice(start, start + len);
}

/** A prompt: mostly English, some Japanese or Arabic, an emoji now and then. */
function prompt(r: Rng): string {
  const u = r();
  let text = u < 0.1 ? `${pick(r, JAPANESE)} ${pick(r, JAPANESE)}` : u < 0.15 ? `${pick(r, ARABIC)} ${pick(r, ARABIC)}` : paragraph(r, int(r, 60, 400));
  if (r() < 0.12) text += ` ${pick(r, EMOJI)}${r() < 0.5 ? pick(r, EMOJI) : ""}`;
  return text;
}

const MEMORY_IDS = 50_000;
const CHUNK_DOCS = 20_000;

/** Characters of an item's text, by kind (~300 for a memory, ~1,100 for a chunk). */
const TEXT_CHARS = { memory: [150, 450], chunk: [700, 1_500] } as const;

export type PackSize = { memories: number; chunks: number };

/** 20 memories and 30 chunks of ~40 KB in all: every pack of the long session. */
export const LONG_SESSION_PACK: PackSize = { memories: 20, chunks: 30 };
/** 3,000 items: the one multi-MB pack. */
export const BIG_PACK: PackSize = { memories: 500, chunks: 2_500 };

function otherPackSize(r: Rng): PackSize {
  const u = r();
  if (u < 0.78) return { memories: int(r, 1, 5), chunks: int(r, 1, 4) };
  if (u < 0.97) return { memories: int(r, 5, 15), chunks: int(r, 8, 20) };
  return { memories: int(r, 15, 25), chunks: int(r, 25, 45) };
}

/** One import record: a capture body with its id and created_at (the export format). */
export type Turn = Omit<InteractionRecord, "response_added_at" | "occurred_at">;

type Corpus = ReturnType<typeof corpus>;

/** The ids of a pack: what the next turn of its session starts from. */
export type PackIds = { memories: string[]; chunks: string[] };

/** Share of a session's previous pack a turn keeps, each item alone (the rest is drawn anew). */
const KEPT = 0.9;

/**
 * A turn's ids: most of its session's previous pack (a memory system retrieves much the same for
 * the next turn of a conversation; issue 20's real session changed ~10 of 50 items a turn), the
 * rest drawn Zipf-like from the whole pool.
 */
function packIds(r: Rng, size: PackSize, previous: PackIds | undefined): PackIds {
  const keep = (ids: string[] | undefined, n: number) => new Set((ids ?? []).filter(() => r() < KEPT).slice(0, n));
  const memoryIds = keep(previous?.memories, size.memories);
  while (memoryIds.size < size.memories) memoryIds.add(`mem-${zipf(r, MEMORY_IDS) + 1}`);
  const chunkIds = keep(previous?.chunks, size.chunks);
  while (chunkIds.size < size.chunks) chunkIds.add(`doc-${zipf(r, CHUNK_DOCS) + 1}#${zipf(r, 40)}`);
  return { memories: [...memoryIds], chunks: [...chunkIds] };
}

function pack(r: Rng, c: Corpus, { memories: memoryIds, chunks: chunkIds }: PackIds, query: string, at: number) {
  const memories = memoryIds.map((id) => ({
    id,
    kind: "memory",
    score: Math.round((0.3 + r() * 0.7) * 1000) / 1000,
    text: textOf(c, "memory", id, at),
  }));
  const chunks = chunkIds.map((id) => ({
    id,
    source: `docs/${WORDS[hash(id) % WORDS.length]}/${WORDS[(hash(id) >>> 8) % WORDS.length]}.md`,
    score: Math.round((0.2 + r() * 0.8) * 1000) / 1000,
    text: textOf(c, "chunk", id, at),
  }));
  // An agent uses some of what it was offered.
  const used = <T extends { id: string }>(items: T[]) => items.filter(() => r() < 0.4).map((i) => i.id);
  return {
    memories_used: used(memories),
    chunks_used: used(chunks),
    // Cut by code point: a cut inside an emoji would leave half a surrogate pair, which is not storable text.
    context_pack: { query: Array.from(query).slice(0, 120).join(""), budget: { max_items: memoryIds.length + chunkIds.length }, memories, chunks },
  };
}

export type ShapeSpec = {
  rows: number;
  /** Turns of the one long session (its packs ~40 KB each); 0 for none. */
  longSessionTurns: number;
  /** Whether one turn carries the ~3 MB pack of 3,000 items. */
  bigPack: boolean;
  /** Every row's project, or a count of projects drawn Zipf-like (project-000, ...). */
  project: string | number;
  days: number;
  now: number;
  seed?: number;
  /** Prefix of session ids, so that two generated sets do not share sessions. */
  sessionPrefix?: string;
  /** Every pack's size (but the 3 MB one's) instead of the mix of sizes; the memory audit's bench sets packs of 50 items. */
  everyPack?: PackSize;
};

/** Where the heavy things of a generated set are, for the bench to load them. */
export type Landmarks = { longSession: string; bigPackId: string | null; typicalSession: string; newest: number };

type Session = { id: string; turns: number; project: string; client: string };

const DAY = 86_400_000;
const CLIENTS = ["claude-code", "openclaw", "manual", "ci-agent", "support-bot"];

/** Turns per session: the long one, then sessions of hundreds of turns mixed with short ones. */
function sessionsOf(spec: ShapeSpec, r: Rng): Session[] {
  const prefix = spec.sessionPrefix ?? "sess";
  const projects = typeof spec.project === "string" ? [spec.project] : Array.from({ length: spec.project }, (_, i) => `project-${String(i).padStart(3, "0")}`);
  const sessions: Session[] = [];
  let left = spec.rows;
  const add = (id: string, turns: number) => {
    turns = Math.min(turns, left);
    if (turns <= 0) return;
    left -= turns;
    sessions.push({ id, turns, project: projects[zipf(r, projects.length)], client: CLIENTS[zipf(r, CLIENTS.length)] });
  };
  add(`${prefix}-long`, spec.longSessionTurns);
  while (left > 0) add(`${prefix}-${String(sessions.length).padStart(6, "0")}`, r() < 0.25 ? int(r, 100, 600) : int(r, 1, 40));
  return sessions;
}

const hex = (r: Rng, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join("");
const uuid = (r: Rng) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${"89ab"[Math.floor(r() * 4)]}${hex(r, 3)}-${hex(r, 12)}`;

/**
 * A generated set: its landmarks at once, and its turns streamed in capture order (created_at
 * ascending, turns of concurrent sessions interleaved).
 */
export function realisticTurns(spec: ShapeSpec): { landmarks: Landmarks; turns: () => Generator<Turn> } {
  const seed = spec.seed ?? 42;
  const r = rng(seed);
  const sessions = sessionsOf(spec, r);
  const n = sessions.reduce((k, s) => k + s.turns, 0);
  // Milliseconds since the set's first instant: everything but created_at is drawn from these,
  // never from \`now\`, so that two runs of the same seed differ in created_at alone (an item's
  // revision, the turns' order) and a second import finds every turn already present.
  const times = new Float64Array(n);
  const owner = new Int32Array(n);
  const span = spec.days * DAY;
  const start = Math.floor(spec.now) - span;
  let k = 0;
  sessions.forEach((s, si) => {
    let t = r() * Math.max(0, span - s.turns * 120_000);
    for (let i = 0; i < s.turns; i++, k++) {
      times[k] = Math.floor(t);
      owner[k] = si;
      t += int(r, 10_000, 120_000);
    }
  });
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
  // The big pack goes to a turn in the middle of the second session (not the long one).
  const bigAt = spec.bigPack && sessions.length > 1 ? sessions[0].turns + Math.floor(sessions[1].turns / 2) : -1;
  const landmarks: Landmarks = {
    longSession: sessions[0].id,
    bigPackId: null,
    typicalSession: sessions[Math.floor(sessions.length / 2)].id,
    newest: start + (n ? times[order[n - 1]] : span),
  };
  // The big pack's id is known up front: each turn's id comes from a stream of its own.
  const idOf = (j: number) => uuid(rng(seed * 1_000_003 + j));
  if (bigAt >= 0) landmarks.bigPackId = idOf(bigAt);

  function* turns(): Generator<Turn> {
    const c = corpus(seed);
    const body = rng(seed + 1);
    // Each open session's last pack, let go after its last turn.
    const previous = new Map<number, PackIds>();
    const left = Int32Array.from(sessions, (s) => s.turns);
    for (let i = 0; i < n; i++) {
      const j = order[i];
      const s = sessions[owner[j]];
      const size = j === bigAt ? BIG_PACK : owner[j] === 0 && spec.longSessionTurns > 0 ? LONG_SESSION_PACK : (spec.everyPack ?? otherPackSize(body));
      const ids = packIds(body, size, j === bigAt ? undefined : previous.get(owner[j]));
      if (--left[owner[j]] === 0) previous.delete(owner[j]);
      else if (j !== bigAt) previous.set(owner[j], ids);
      const p = prompt(body);
      yield {
        id: idOf(j),
        prompt: p,
        response: paragraph(body, int(body, 200, 1_500)),
        response_summary: sentence(body, int(body, 8, 16)),
        project: s.project,
        client: s.client,
        session_id: s.id,
        ...pack(body, c, ids, p, times[j]),
        created_at: new Date(start + times[j]).toISOString(),
      };
    }
  }
  return { landmarks, turns };
}
