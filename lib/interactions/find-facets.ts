import { prisma } from "@/lib/db/prisma";
import { processState } from "@/lib/process-state";

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
  cached: undefined as { counts: Counts; maxSeq: number } | undefined,
  counting: undefined as { maxSeq: number; counts: Promise<Counts> } | undefined,
}));
const FULL_RECOUNT_AFTER = 50_000;

// Rows with seqAbove < seq <= seqUpTo. A delta is a rowid range read; from 0 only the upper
// bound is given, and SQLite walks the (project, ...) / (client, ...) covering index instead.
async function countBy(field: "project" | "client", seqAbove: number, seqUpTo: number): Promise<Map<string, number>> {
  const groups = await prisma().interaction.groupBy({
    by: [field],
    where: { seq: seqAbove > 0 ? { gt: seqAbove, lte: seqUpTo } : { lte: seqUpTo } },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g[field], g._count._all]));
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
  // findFirst seeks the primary key; Prisma's aggregate({ _max }) wraps a subquery that scans.
  const last = await prisma().interaction.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  return last?.seq ?? 0;
}

/** The distinct projects and clients with their numbers of interactions, most used first. */
export async function findFacets(): Promise<Facets> {
  const maxSeq = await latestSeq();
  const base = state.cached;
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
  state.cached = { counts, maxSeq };
  return { project: sortedFacets(counts.project), client: sortedFacets(counts.client) };
}
