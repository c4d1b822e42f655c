import { RETIRED_INTERACTION, RETIRED_REVIEW, retirementHash, type RetiredKind, type RetiredRow, type RetirementFacts } from "@/lib/audit/retirement-content";
import { Prisma } from "@/lib/generated/prisma/client";

// What the verifier needs to accept links whose rows were retired (lib/audit/retirement-content.ts
// has the rule): for one batch of links, which of their rows a later `retired` link lists, and
// for a `retired` link, the rows it lists. Both are read per batch or per link, so memory stays
// bounded however many rows were retired.

type Reader = { all<T>(query: Prisma.Sql): Promise<T[]> };

/** A retirement of one row: the seq of its `retired` link and the hash it recorded for the row's link. */
export type RowRetirement = { link: number; link_hash: string | null };
/** Retirements by `${kind}:${row id}`, each list in chain order. */
export type Retirements = Map<string, RowRetirement[]>;

const key = (kind: RetiredKind, id: string) => `${kind}:${id}`;
const LINKED = Prisma.sql`FROM retired_rows r JOIN audit_chain c ON c.kind = 'retired' AND c.interaction_id = r.retirement`;

/** The retirements of the rows a batch of links covers (a review link names its review in interaction_id). */
export async function retirementsOf(reader: Reader, links: readonly { kind: string; interaction_id: string }[]): Promise<Retirements> {
  const ids = (kind: RetiredKind) => [...new Set(links.filter((l) => (l.kind === "review") === (kind === RETIRED_REVIEW) && l.kind !== "retired").map((l) => l.interaction_id))];
  const out: Retirements = new Map();
  for (const kind of [RETIRED_INTERACTION, RETIRED_REVIEW] as const) {
    const list = ids(kind);
    if (list.length === 0) continue;
    const rows = await reader.all<{ row_id: string; link: number | string; link_hash: string | null }>(
      Prisma.sql`SELECT r.row_id, c.seq AS link, r.link_hash ${LINKED} WHERE r.kind = ${kind} AND r.row_id IN (${Prisma.join(list)}) ORDER BY c.seq`,
    );
    for (const r of rows) out.set(key(kind, r.row_id), [...(out.get(key(kind, r.row_id)) ?? []), { link: Number(r.link), link_hash: r.link_hash }]);
  }
  return out;
}

type CoveringLink = { link: number; kind: string; interaction_id: string; hash: string };

/**
 * The retirement that removed what `l` covers: the first `retired` link after it listing its
 * row (a row captured again later under the same id is another row). Undefined when none did.
 */
export function retirementOf(l: CoveringLink, retirements: Retirements): RowRetirement | undefined {
  const kind = l.kind === "review" ? RETIRED_REVIEW : RETIRED_INTERACTION;
  return retirements.get(key(kind, l.interaction_id))?.find((r) => r.link > l.link);
}

/**
 * What is wrong with a link whose row a retirement removed, or null: the retirement must have
 * recorded the hash of the row's own capture or review link (other links of a retired
 * interaction need only come before its retirement).
 */
export function retiredLinkProblem(l: CoveringLink, retirement: RowRetirement): { message: string; expected: string; stored: string } | null {
  if ((l.kind !== "capture" && l.kind !== "review") || retirement.link_hash === l.hash) return null;
  return {
    message: `${l.kind === "review" ? "review" : "interaction"} ${l.interaction_id} is listed by retirement link ${retirement.link} with another link's hash than its ${l.kind} link ${l.link}`,
    expected: l.hash,
    stored: retirement.link_hash ?? "(none)",
  };
}

/** A `retired` link's content hash recomputed from the rows retired_rows lists under it. */
export async function retirementContent(reader: Reader, l: { interaction_id: string; fields: string }): Promise<string> {
  const rows = await reader.all<RetiredRow>(Prisma.sql`SELECT kind, row_id, link_hash FROM retired_rows WHERE retirement = ${l.interaction_id}`);
  return retirementHash(l.interaction_id, l.fields, rows);
}

export type ChainRetirement = RetirementFacts & { link: number; retirement: string; at: number };

/** The report's retirements: interactions retired by links up to the head, and the newest retired links. */
export async function retirementSummary(reader: Reader, headLink: number, limit = 100): Promise<{ count: number; ranges: ChainRetirement[] }> {
  const [{ n }] = await reader.all<{ n: number | string }>(
    Prisma.sql`SELECT count(*) AS n ${LINKED} WHERE r.kind = ${RETIRED_INTERACTION} AND c.seq <= ${headLink}`,
  );
  if (Number(n) === 0) return { count: 0, ranges: [] };
  const links = await reader.all<{ link: number | string; retirement: string; fields: string; at: number | Date }>(
    Prisma.sql`SELECT seq AS link, interaction_id AS retirement, fields, created_at AS at FROM audit_chain
      WHERE kind = 'retired' AND seq <= ${headLink} ORDER BY seq DESC LIMIT ${limit}`,
  );
  return {
    count: Number(n),
    ranges: links.map((l) => ({ ...(JSON.parse(l.fields) as RetirementFacts), link: Number(l.link), retirement: l.retirement, at: new Date(l.at).getTime() })),
  };
}
