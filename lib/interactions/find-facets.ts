import { database } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { processState } from "@/lib/process-state";
import { latestRetired } from "@/lib/retention/retired-rows";

export type Facet = { value: string; count: number };
export type Facets = { project: Facet[]; client: Facet[] };

type Counts = { project: Map<string, number>; client: Map<string, number> };

// A full GROUP BY walks a covering index, which at a million rows costs more than a list page
// should spend on its dropdowns. Captures are additive and seq only grows (one writer), so the
// counts are computed in full once and then brought up to date from the rows after the last
// seq seen: a primary-key range read of only what arrived since.
// Per process (the start-up warm-up, lib/warm-up.ts, fills it for the pages); `counting` is a
// full count in progress: a page that needs the same count waits for it rather than running a
// second one beside it.
const state = processState("facets", () => ({
  cached: undefined as { counts: Counts; maxSeq: number; retired: number } | undefined,
  counting: undefined as { maxSeq: number; counts: Promise<Counts> } | undefined,
}));
const FULL_RECOUNT_AFTER = 50_000;

// Rows with seqAbove < seq <= seqUpTo. A delta is a rowid range read; from 0 only the upper
// bound is given, and SQLite walks the (project, ...) / (client, ...) covering index instead.
async function countBy(field: "project" | "client", seqAbove: number, seqUpTo: number): Promise<Map<string, number>> {
  const range = seqAbove > 0 ? Prisma.sql`seq > ${seqAbove} AND seq <= ${seqUpTo}` : Prisma.sql`seq <= ${seqUpTo}`;
  const groups = await database().reads.rows<{ value: string; n: number }>(
    Prisma.sql`SELECT ${Prisma.raw(field)} AS value, count(*) AS n FROM interactions WHERE ${range} GROUP BY ${Prisma.raw(field)}`,
  );
  return new Map(groups.map((g) => [g.value, Number(g.n)]));
}

export function sortedFacets(counts: Map<string, number>): Facet[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function add(into: Map<string, number>, more: Map<string, number>): Map<string, number> {
  const out = new Map(into);
  for (const [k, n] of more) out.set(k, (out.get(k) ?? 0) + n);
  return out;
}

/** The highest seq stored (0 when empty): what the counts' caches compare to know nothing arrived. */
export async function latestSeq(): Promise<number> {
  // A seek of the primary key's end (max(seq) in a subquery would scan).
  const [last] = await database().reads.rows<{ seq: number }>(Prisma.sql`SELECT seq FROM interactions ORDER BY seq DESC LIMIT 1`);
  return last ? Number(last.seq) : 0;
}

/** The distinct projects and clients with their numbers of interactions, most used first. */
export async function findFacets(): Promise<Facets> {
  const [maxSeq, retired] = await Promise.all([latestSeq(), latestRetired()]);
  // Retention removes rows below the highest seq: counts cached before it are counted again.
  const base = state.cached?.retired === retired ? state.cached : undefined;
  let counts: Counts;
  if (base && base.maxSeq === maxSeq) {
    counts = base.counts;
  } else if (base && base.maxSeq < maxSeq && maxSeq - base.maxSeq <= FULL_RECOUNT_AFTER) {
    const [project, client] = await Promise.all([countBy("project", base.maxSeq, maxSeq), countBy("client", base.maxSeq, maxSeq)]);
    counts = { project: add(base.counts.project, project), client: add(base.counts.client, client) };
  } else {
    if (state.counting?.maxSeq !== maxSeq) {
      const full = { maxSeq, counts: Promise.all([countBy("project", 0, maxSeq), countBy("client", 0, maxSeq)]).then(([project, client]) => ({ project, client })) };
      state.counting = full;
      void full.counts.finally(() => state.counting === full && (state.counting = undefined)).catch(() => {});
    }
    counts = await state.counting.counts;
  }
  state.cached = { counts, maxSeq, retired };
  return { project: sortedFacets(counts.project), client: sortedFacets(counts.client) };
}
