// A realistic large context pack: memories and chunks with ~700 characters of mixed-script text each,
// some used, some offered, a few ids recurring. 1,500 + 1,500 items of ~1 KB is ~3 MB of JSON.

const SAMPLES = [
  "The deploy key rotates monthly; the old key stays valid for 48 hours so running jobs finish.",
  "鍵は毎月ローテーションされ、古い鍵は48時間有効です。実行中のジョブは完了できます。",
  "يتم تدوير المفتاح شهريًا ويبقى المفتاح القديم صالحًا لمدة 48 ساعة 🔑",
  "Incident notes 🚨: the cache warmed from a stale snapshot, so the first requests served old prices.",
];

export type BigPack = {
  pack: { query: string; settings: { top_k: number; model: string }; memories: Record<string, unknown>[]; chunks: Record<string, unknown>[] };
  memoriesUsed: string[];
  chunksUsed: string[];
};

/** `memories` + `chunks` items; every `usedEvery`-th memory and chunk is used. `marker` appears in a few items' text only. */
export function bigPack({ memories = 1500, chunks = 1500, usedEvery = 10, marker = "zebra-marker" } = {}): BigPack {
  const text = (i: number) => {
    let s = `#${i} `;
    while (s.length < 700) s += `${SAMPLES[(i + s.length) % SAMPLES.length]} `;
    return i % 500 === 3 ? `${s} ${marker}` : s;
  };
  const pack: BigPack["pack"] = {
    query: "how do keys rotate?",
    settings: { top_k: memories + chunks, model: "embed-3" },
    memories: Array.from({ length: memories }, (_, i) => ({ id: `mem-${i}`, score: 1 - i / memories, text: text(i), tags: ["ops", `t${i % 7}`] })),
    chunks: Array.from({ length: chunks }, (_, i) => ({ chunk_id: `doc-${i >> 4}#${i & 15}`, source: `docs/file-${i >> 4}.md`, text: text(i + memories) })),
  };
  const memoriesUsed = pack.memories.filter((_, i) => i % usedEvery === 0).map((m) => String(m.id));
  const chunksUsed = pack.chunks.filter((_, i) => i % usedEvery === 3).map((c) => String(c.chunk_id));
  return { pack, memoriesUsed, chunksUsed };
}
