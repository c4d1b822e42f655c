// Realistic capture bodies for the bench, from a seeded generator so every run sends the same
// data: a prompt of a few sentences, a longer response, and a context pack of ~4 KB holding the
// memories and document chunks the agent was given, with their ids in memories_used/chunks_used.

import type { CaptureInput } from "@/lib/interactions/schema";

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

const WORDS = (
  "the a to of and in is for on with that this it as be by from or are at we can not have will " +
  "deploy service config token rotate key worker queue retry cache index query latency timeout " +
  "session project client memory chunk context agent prompt response summary audit trail review " +
  "database migration schema table column row page cursor filter since until limit request error " +
  "build test release branch merge commit pipeline container cluster node region backup restore " +
  "user account permission scope admin read write capture batch stream parse validate store"
).split(" ");

export const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)];
export const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

export function sentence(r: Rng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(r, WORDS));
  const s = out.join(" ");
  return s[0].toUpperCase() + s.slice(1) + ".";
}

export function paragraph(r: Rng, chars: number): string {
  let s = "";
  while (s.length < chars) s += (s ? " " : "") + sentence(r, int(r, 6, 18));
  return s;
}

/** A capture body with every field present, as the server's schema reads it. */
export type Body = Omit<CaptureInput, "id">;

/** One capture body; `packChars` sizes the context pack (about 4,000 for a realistic one). */
export function captureBody(r: Rng, where: { project: string; client: string; session_id: string }, packChars = 4000): Body {
  const memories = Array.from({ length: int(r, 1, 4) }, () => ({
    id: `mem-${int(r, 1, 50_000)}`,
    score: Math.round(r() * 1000) / 1000,
    text: paragraph(r, int(r, 120, 400)),
  }));
  const chunks: { id: string; source: string; text: string }[] = [];
  let size = memories.reduce((n, m) => n + m.text.length + 40, 0);
  while (size < packChars - 300) {
    const text = paragraph(r, Math.min(int(r, 300, 900), Math.max(80, packChars - 300 - size)));
    chunks.push({ id: `doc-${int(r, 1, 5000)}#${int(r, 0, 40)}`, source: `docs/${pick(r, WORDS)}/${pick(r, WORDS)}.md`, text });
    size += text.length + 60;
  }
  const prompt = paragraph(r, int(r, 80, 400));
  return {
    prompt,
    response: paragraph(r, int(r, 300, 1500)),
    response_summary: sentence(r, int(r, 8, 16)),
    ...where,
    memories_used: memories.map((m) => m.id),
    chunks_used: chunks.map((c) => c.id),
    context_pack: {
      query: prompt.slice(0, 120),
      budget: { max_chars: 8000, used_chars: size },
      memories,
      chunks,
    },
  };
}

export const PROJECTS = (n: number) => Array.from({ length: n }, (_, i) => `project-${String(i).padStart(3, "0")}`);
export const CLIENTS = (n: number) => Array.from({ length: n }, (_, i) => `client-${String(i).padStart(2, "0")}`);

/** A pool of distinct bodies to rotate through under load. */
export function bodyPool(count: number, seed = 1): Body[] {
  const r = rng(seed);
  const projects = PROJECTS(20);
  const clients = CLIENTS(5);
  return Array.from({ length: count }, (_, i) =>
    captureBody(r, { project: pick(r, projects), client: pick(r, clients), session_id: `bench-session-${i % 40}` }),
  );
}
