import { prisma } from "@/lib/db/prisma";

export type Facet = { value: string; count: number };
export type Facets = { project: Facet[]; client: Facet[] };

// Each GROUP BY walks a covering index ((project, ...) and (client, ...)): ~0.1 µs a row,
// which is tens of milliseconds at a million rows, on every list page view. So the answer is
// kept while nothing was captured, and under steady capture for 50x what it cost to compute
// (at most ~2% of the time goes here; a small database is always fresh).
let cached: { facets: Facets; maxSeq: number; at: number; costMs: number } | undefined;

async function countBy(field: "project" | "client"): Promise<Facet[]> {
  const groups = await prisma().interaction.groupBy({ by: [field], _count: { _all: true } });
  return groups
    .map((g) => ({ value: g[field], count: g._count._all }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The distinct projects and clients with their numbers of interactions, most used first. */
export async function findFacets(): Promise<Facets> {
  const started = Date.now();
  const { _max } = await prisma().interaction.aggregate({ _max: { seq: true } });
  const maxSeq = _max.seq ?? 0;
  if (cached && (cached.maxSeq === maxSeq || started - cached.at < 50 * cached.costMs)) return cached.facets;
  const [project, client] = await Promise.all([countBy("project"), countBy("client")]);
  cached = { facets: { project, client }, maxSeq, at: started, costMs: Date.now() - started };
  return cached.facets;
}
