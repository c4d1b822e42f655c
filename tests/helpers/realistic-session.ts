import { rng as random } from "@/lib/demo/generate-turns";
import type { DirectRow } from "./direct-rows";

// Realistic sessions for the scale tests and screenshots: every turn's pack is ~40 KB of 20
// memories and 30 chunks with text, ids drawn Zipf-like from a shared pool (so they recur
// across turns and sessions), the pack changing a few items per turn, and Japanese, Arabic
// and emoji in the texts. Deterministic for a given seed.

const PHRASES = [
  "The deploy script reads its settings from the environment.",
  "東京のサーバーは毎晩三時に再起動されます。",
  "يجب أن تبقى النسخ الاحتياطية مشفرة في جميع الأوقات.",
  "Rollbacks keep the last three releases 🚀",
  "ユーザーは日本語のエラーメッセージを希望しています。",
  "The cache is warmed before traffic is switched over ✅",
  "تم نقل قاعدة البيانات إلى المنطقة الجديدة الأسبوع الماضي.",
  "Alerts page the on-call engineer after five minutes 📟",
];

function text(rand: () => number, bytes: number): string {
  let out = "";
  while (Buffer.byteLength(out) < bytes) out += `${PHRASES[Math.floor(rand() * PHRASES.length)]} `;
  return out.trim();
}

/** An id drawn Zipf-like (a few ids very often, most rarely) from 1..pool. */
function zipf(rand: () => number, pool: number): number {
  return Math.max(1, Math.floor(Math.pow(pool, rand())));
}

type Item = { id: string; text: string; score: number };

function draw(rand: () => number, prefix: string, pool: number, taken: Set<string>, bytes: number): Item {
  let id: string;
  do id = `${prefix}-${zipf(rand, pool)}`;
  while (taken.has(id));
  taken.add(id);
  return { id, text: text(rand, bytes), score: Math.round(rand() * 1000) / 1000 };
}

/** `count` items with distinct ids. */
function fresh(rand: () => number, count: number, prefix: string, pool: number, bytes: number): Item[] {
  const taken = new Set<string>();
  return Array.from({ length: count }, () => draw(rand, prefix, pool, taken, bytes));
}

/** Replaces `changes` random items of a list with fresh draws. */
function evolve(rand: () => number, items: Item[], prefix: string, pool: number, changes: number, bytes: number): Item[] {
  const next = [...items];
  const taken = new Set(next.map((i) => i.id));
  for (let k = 0; k < changes; k++) {
    const at = Math.floor(rand() * next.length);
    taken.delete(next[at].id);
    next[at] = draw(rand, prefix, pool, taken, bytes);
  }
  return next;
}

export type RealisticSessionOptions = {
  sessionId: string;
  turns: number;
  /** epoch ms of the first turn; turns are 20 s apart. */
  start: number;
  seed?: number;
  project?: string;
  client?: string;
};

/** The rows of one session, oldest first, ready for insertRows. */
export function realisticSession({ sessionId, turns, start, seed = 1, project = "scale", client = "claude-code" }: RealisticSessionOptions): DirectRow[] {
  const rand = random(seed);
  let memories: Item[] = [];
  let chunks: Item[] = [];
  const rows: DirectRow[] = [];
  for (let n = 1; n <= turns; n++) {
    memories = n === 1 ? fresh(rand, 20, "mem", 5000, 700) : evolve(rand, memories, "mem", 5000, 2, 700);
    chunks = n === 1 ? fresh(rand, 30, "chunk", 20000, 850) : evolve(rand, chunks, "chunk", 20000, 3, 850);
    const pick = (items: Item[], k: number) => items.filter((_, i) => (i * 7 + n) % items.length < k).map((i) => i.id);
    const pack = {
      query: text(rand, 120),
      memories: memories.map((m) => ({ memory_id: m.id, text: m.text, score: m.score, tags: ["ops", "日本"] })),
      retrieved_chunks: chunks.map((c) => ({ chunk_id: c.id, text: c.text, source: `docs/runbook-${c.id}.md`, score: c.score })),
    };
    const long = n % 9 === 0;
    rows.push({
      session_id: sessionId,
      project,
      client,
      prompt: `Turn ${n}: ${text(rand, long ? 2500 : 200)}`,
      response: n % 13 === 0 ? "" : text(rand, long ? 1800 : 400),
      response_summary: n % 13 === 0 ? text(rand, 100) : "",
      memories_used: JSON.stringify(pick(memories, 5)),
      chunks_used: JSON.stringify(pick(chunks, 6)),
      context_pack: JSON.stringify(pack),
      created_at: start + n * 20_000,
    });
  }
  return rows;
}

/** One interaction whose pack is ~3 MB of 3,000 items (1,000 memories, 2,000 chunks). */
export function bigPackRow(sessionId: string, createdAt: number, seed = 7): DirectRow {
  const rand = random(seed);
  const memories = Array.from({ length: 1000 }, (_, i) => ({ memory_id: `mem-big-${i}`, text: text(rand, 1000), score: rand() }));
  const chunks = Array.from({ length: 2000 }, (_, i) => ({ chunk_id: `chunk-big-${i}`, text: text(rand, 1000), source: `docs/big-${i}.md` }));
  return {
    session_id: sessionId,
    project: "scale",
    client: "claude-code",
    prompt: "A turn with a very large context pack 🙂",
    response: "Answered from the big pack.",
    memories_used: JSON.stringify(memories.slice(0, 40).map((m) => m.memory_id)),
    chunks_used: JSON.stringify(chunks.slice(0, 60).map((c) => c.chunk_id)),
    context_pack: JSON.stringify({ memories, chunks }),
    created_at: createdAt,
  };
}
