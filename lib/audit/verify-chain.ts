import { GENESIS, linkHash, parseFields, reviewContentHash, type ChainedReview, type ChainedRow } from "@/lib/audit/canonical-content";
import { loadRedactions, recomputedContent, redactedRowProblem, redactionSummary, type Redactions } from "@/lib/audit/verify-redactions";
import { retiredLinkProblem, retirementContent, retirementOf, retirementsOf, retirementSummary, type Retirements } from "@/lib/audit/verify-retirements";
import type { PacketLink } from "@/lib/db/contract/packet";
import { reviewColumns } from "@/lib/db/sql/review-read-sql";
import type { DatabaseKind } from "@/lib/db/database-kind";
import { Prisma } from "@/lib/generated/prisma/client";
import { rowBytesSql } from "@/lib/db/sql/filter-sql";

export type BrokenLink = {
  /** The audit_chain row (its seq) where the chain first fails. */
  link: number;
  kind: string;
  interaction_id: string;
  problem: "row_changed" | "row_missing" | "link_changed" | "link_missing";
  message: string;
  expected: string;
  stored: string;
};

export type VerifyReport = {
  status: "ok" | "broken";
  links_checked: number;
  head: { link: number; hash: string } | null;
  broken: BrokenLink | null;
  /** Rows written around the API (other tools, imports): not covered by the chain. */
  unchained: { count: number; sample_ids: string[] };
  /** Redactions recorded in the chain up to the head: not tampering, listed newest first (at most 100). */
  redactions: { count: number; items: ReportedRedaction[] };
  /**
   * Interactions retired for their age by `retired` links up to the head (with the reviews that
   * went with them): removed on purpose, not tampering. The newest links first (at most 100).
   */
  retired: { count: number; ranges: ReportedRetirement[] };
  verified_at: string;
};

export type ReportedRetirement = {
  link: number;
  retirement: string;
  /** Interactions created before this were retired. */
  before: string;
  count: number;
  reviews: number;
  first_seq: number;
  last_seq: number;
  at: string;
};

export type ReportedRedaction = { link: number; id: string; interaction_id: string; pointer: string; reason: string; digest: string; author: string; created_at: string };

/**
 * Where a verification starts: a link already verified (its seq and hash) and what was known
 * then (links verified up to it, rows up to `interactions_seq` looked at for links).
 */
export type VerifyFrom = {
  link: number;
  hash: string;
  links_verified: number;
  interactions_seq: number;
  unchained: VerifyReport["unchained"];
};

/** A verification's result and what a checkpoint taken at its head needs. */
export type VerifyRun = VerifyReport & {
  from: VerifyFrom | null;
  /** Links from the genesis to the head (with those covered by `from`). */
  links_verified: number;
  /** The newest row looked at for links. */
  interactions_seq: number;
};

/** The report as the API and `npm run verify` give it: what the run found, without what it started from. */
export function reportOf(run: VerifyRun): VerifyReport {
  const { status, links_checked, head, broken, unchained, redactions, retired, verified_at } = run;
  return { status, links_checked, head, broken, unchained, redactions, retired, verified_at };
}

export type VerifyProgress = { links_checked: number; at_link: number; head_link: number };

export type VerifyOptions = {
  /** Continue from this verified link instead of the genesis (see verifyChain). */
  from?: VerifyFrom | null;
  /** Links read per query; the event loop is given back between queries. */
  batch?: number;
  onProgress?: (p: VerifyProgress) => void;
};

type LinkRow = Omit<PacketLink, "seq"> & { link: number } & ({ row_id: string } & Omit<ChainedRow, "id">);

const BATCH = 2000;
// The text of the rows one batch of links reads, at most (a link whose row is larger goes alone):
// a run of links to multi-MB packs read `batch` at a time ran the verifier out of heap
// (40 captures of 8 MB packs, JS heap out of memory on the verify thread).
const BATCH_BYTES = 4 * 1024 * 1024;
// Rows per query of the unchained count: each query is one bounded seq range.
const UNCHAINED_RANGE = 20_000;
const nextTick = () => new Promise((r) => setImmediate(r));

/**
 * The verifier's reads, on one consistent snapshot of either database (verify-stored-chain.ts
 * opens it). Queries are built with Prisma.sql: `.sql` (? placeholders) for SQLite, `.text`
 * ($n) for PostgreSQL.
 */
export type ChainReader = {
  kind: DatabaseKind;
  all<T>(query: Prisma.Sql): Promise<T[]>;
};

// The covered columns as the writers hashed them (lib/audit/canonical-content.ts): SQLite gives
// the stored JSON text and epoch ms as they are; PostgreSQL gives jsonb's own text and converts
// its timestamptz(3) to epoch ms.
const COVERED_COLUMNS: Record<DatabaseKind, Prisma.Sql> = {
  sqlite: Prisma.raw("i.memories_used, i.chunks_used, i.context_pack, i.created_at, i.response_added_at, i.occurred_at"),
  postgres: Prisma.raw(
    `i.memories_used::text AS memories_used, i.chunks_used::text AS chunks_used, i.context_pack::text AS context_pack,
     (extract(epoch FROM i.created_at) * 1000)::bigint AS created_at,
     (extract(epoch FROM i.response_added_at) * 1000)::bigint AS response_added_at,
     (extract(epoch FROM i.occurred_at) * 1000)::bigint AS occurred_at`,
  ),
};

const linkPage = (kind: DatabaseKind, after: number, batch: number) => Prisma.sql`
  SELECT c.seq AS link, c.kind, c.interaction_id, c.fields, c.content_hash, c.prev_hash, c.hash,
         i.id AS row_id, i.prompt, i.response, i.response_summary, i.project, i.client, i.session_id,
         ${COVERED_COLUMNS[kind]}
  FROM audit_chain c LEFT JOIN interactions i ON i.id = c.interaction_id
  WHERE c.seq > ${after} ORDER BY c.seq LIMIT ${batch}`;

/**
 * The next links after `after`: up to `batch`, and fewer when their rows' text would pass
 * BATCH_BYTES (read first, by size alone); `more` when links are left after them.
 */
async function nextLinks(reader: ChainReader, after: number, batch: number): Promise<{ links: LinkRow[]; more: boolean }> {
  const sizes = await reader.all<{ size: number | bigint | null }>(Prisma.sql`
    SELECT ${rowBytesSql("i", reader.kind)} AS size FROM audit_chain c LEFT JOIN interactions i ON i.id = c.interaction_id
    WHERE c.seq > ${after} ORDER BY c.seq LIMIT ${batch}`);
  let take = 0;
  for (let bytes = 0; take < sizes.length; take++) {
    bytes += Number(sizes[take].size ?? 0);
    if (take > 0 && bytes > BATCH_BYTES) break;
  }
  const links = take > 0 ? await reader.all<LinkRow>(linkPage(reader.kind, after, take)) : [];
  return { links, more: take < sizes.length || sizes.length === batch };
}

const UNCHAINED = (above: number, upTo: number) => Prisma.sql`FROM interactions i WHERE i.seq > ${above} AND i.seq <= ${upTo} AND NOT EXISTS
  (SELECT 1 FROM audit_chain c WHERE c.interaction_id = i.id AND c.kind = 'capture')`;

/**
 * Fields each interaction's completions (links after `after`) filled: its capture is recomputed
 * with them empty. A completion always follows its capture, so for links after a checkpoint the
 * completions after it are all there is.
 */
async function completedFields(reader: ChainReader, after: number, batch: number): Promise<Map<string, Set<string>>> {
  const completed = new Map<string, Set<string>>();
  for (let from = after; ; await nextTick()) {
    const rows = await reader.all<{ seq: number; interaction_id: string; fields: string }>(
      Prisma.sql`SELECT seq, interaction_id, fields FROM audit_chain WHERE kind = 'completion' AND seq > ${from} ORDER BY seq LIMIT ${batch}`,
    );
    for (const c of rows) {
      const set = completed.get(c.interaction_id) ?? new Set<string>();
      for (const f of parseFields(c.fields)) set.add(f);
      completed.set(c.interaction_id, set);
    }
    if (rows.length < batch) return completed;
    from = rows.at(-1)!.seq;
  }
}

/** Rows after `from` that have no capture link, counted in bounded seq ranges. */
async function unchainedAfter(reader: ChainReader, from: VerifyFrom | null, upTo: number): Promise<VerifyReport["unchained"]> {
  let count = from?.unchained.count ?? 0;
  const sample = [...(from?.unchained.sample_ids ?? [])];
  for (let above = from?.interactions_seq ?? 0; above < upTo; above += UNCHAINED_RANGE, await nextTick()) {
    const range = UNCHAINED(above, Math.min(upTo, above + UNCHAINED_RANGE));
    // count(*) is a bigint on PostgreSQL, which pg hands over as text.
    const [{ n }] = await reader.all<{ n: number | string }>(Prisma.sql`SELECT count(*) AS n ${range}`);
    if (Number(n) > 0 && sample.length < 5) {
      sample.push(...(await reader.all<{ id: string }>(Prisma.sql`SELECT i.id ${range} ORDER BY i.seq LIMIT ${5 - sample.length}`)).map((r) => r.id));
    }
    count += Number(n);
  }
  return { count, sample_ids: sample };
}

/** The reviews rows the `review` links of a batch cover (a review link names its review in interaction_id), by id. */
async function reviewsOf(reader: ChainReader, links: readonly LinkRow[]): Promise<Map<string, ChainedReview>> {
  const ids = links.filter((l) => l.kind === "review").map((l) => l.interaction_id);
  if (ids.length === 0) return new Map();
  const rows = await reader.all<ChainedReview>(Prisma.sql`SELECT ${reviewColumns(reader.kind)} FROM reviews r WHERE r.id IN (${Prisma.join(ids)})`);
  return new Map(rows.map((r) => [r.id, r]));
}

type BatchFacts = {
  completed: Map<string, Set<string>>;
  redactions: Redactions;
  reviews: Map<string, ChainedReview>;
  retirements: Retirements;
  /** A `retired` link's content hash, recomputed from the rows it lists. */
  retiredContent?: string;
};

function check(l: LinkRow, prevHash: string, { completed, redactions, reviews, retirements, retiredContent }: BatchFacts): BrokenLink | null {
  const at = { link: l.link, kind: l.kind, interaction_id: l.interaction_id };
  if (l.kind === "retired") {
    if (retiredContent !== l.content_hash) {
      return { ...at, problem: "row_changed", message: `the rows retirement ${l.interaction_id} lists were changed after it was recorded (link ${l.link})`, expected: l.content_hash, stored: retiredContent ?? "" };
    }
    return linkProblem(l, prevHash, at);
  }
  // What a later retirement removed is checked against what the retirement recorded, not the row.
  const retirement = retirementOf(l, retirements);
  if (retirement) {
    const problem = retiredLinkProblem(l, retirement);
    return problem ? { ...at, problem: "row_changed", ...problem } : linkProblem(l, prevHash, at);
  }
  if (l.kind === "review") {
    const review = reviews.get(l.interaction_id);
    if (!review) {
      return { ...at, problem: "row_missing", message: `review ${l.interaction_id} was deleted: link ${l.link} covers it but the row is gone`, expected: l.content_hash, stored: "(no row)" };
    }
    const content = reviewContentHash(review);
    if (content !== l.content_hash) {
      return { ...at, problem: "row_changed", message: `review ${l.interaction_id} was changed after it was recorded (link ${l.link})`, expected: l.content_hash, stored: content };
    }
    return linkProblem(l, prevHash, at);
  }
  if (l.row_id === null) {
    return { ...at, problem: "row_missing", message: `interaction ${l.interaction_id} was deleted: link ${l.link} covers its ${l.kind} but the row is gone`, expected: l.content_hash, stored: "(no row)" };
  }
  const row: ChainedRow = { ...l, id: l.row_id };
  const redacted = redactedRowProblem(l, row, redactions);
  if (redacted) return { ...at, problem: "row_changed", ...redacted };
  const content = recomputedContent(l, row, completed.get(l.interaction_id) ?? new Set(), redactions);
  if (content !== null && content !== l.content_hash) {
    return { ...at, problem: "row_changed", message: `interaction ${l.interaction_id} was changed after its ${l.kind} was recorded (link ${l.link})`, expected: l.content_hash, stored: content };
  }
  return linkProblem(l, prevHash, at);
}

/** Whether the link follows the one before it and its hash matches its content. */
function linkProblem(l: LinkRow, prevHash: string, at: Pick<BrokenLink, "link" | "kind" | "interaction_id">): BrokenLink | null {
  if (l.prev_hash !== prevHash) {
    return { ...at, problem: "link_missing", message: `link ${l.link} does not follow the link before it: a link was removed, inserted or rewritten before it`, expected: prevHash, stored: l.prev_hash };
  }
  const hash = linkHash(l.prev_hash, l.content_hash);
  if (hash !== l.hash) {
    return { ...at, problem: "link_changed", message: `link ${l.link} was rewritten: its hash does not match its content`, expected: hash, stored: l.hash };
  }
  return null;
}

async function reportedRetirements(reader: ChainReader, headLink: number): Promise<VerifyReport["retired"]> {
  const { count, ranges } = await retirementSummary(reader, headLink);
  return { count, ranges: ranges.map((r) => ({ ...r, before: new Date(r.before).toISOString(), at: new Date(r.at).toISOString() })) };
}

async function reportedRedactions(reader: ChainReader, headLink: number): Promise<VerifyReport["redactions"]> {
  const { count, items } = await redactionSummary(reader, headLink);
  return {
    count,
    items: items.map((r) => ({ link: r.link, id: r.id, interaction_id: r.interaction_id, pointer: r.pointer, reason: r.reason, digest: r.digest, author: r.author, created_at: new Date(r.created_at).toISOString() })),
  };
}

const maxSeq = async (reader: ChainReader, table: "audit_chain" | "interactions") =>
  Number((await reader.all<{ seq: number | string }>(Prisma.sql`SELECT seq FROM ${Prisma.raw(table)} ORDER BY seq DESC LIMIT 1`))[0]?.seq ?? 0);

/**
 * The link `from` names must still be there with the hash it had when it was verified, and
 * follow the link before it: a checkpoint rewritten to skip links, or a link rewritten after
 * it was verified, breaks the chain here. Its own row is checked again below, with the rest.
 */
async function checkpointProblem(reader: ChainReader, from: VerifyFrom, first: LinkRow | undefined): Promise<{ prevHash: string; broken: BrokenLink | null }> {
  const [before] = await reader.all<{ hash: string }>(Prisma.sql`SELECT hash FROM audit_chain WHERE seq < ${from.link} ORDER BY seq DESC LIMIT 1`);
  const prevHash = before?.hash ?? GENESIS;
  if (first?.link === from.link && first.hash === from.hash) return { prevHash, broken: null };
  const at = { link: from.link, kind: first?.kind ?? "", interaction_id: first?.link === from.link ? first.interaction_id : "" };
  return {
    prevHash,
    broken:
      first?.link === from.link
        ? { ...at, problem: "link_changed", message: `link ${from.link} was rewritten after it was verified: the checkpoint recorded another hash`, expected: from.hash, stored: first.hash }
        : { ...at, problem: "link_missing", message: `link ${from.link}, verified before, is gone`, expected: from.hash, stored: "(no link)" },
  };
}

/**
 * Recomputes the chain from the stored rows and reports the first broken link: from the
 * genesis, or from the verified link `from` onwards (that link and every later one; the links
 * before it were verified when it was, and only a full verification looks at them again).
 * Reads in batches, yielding between them so a server stays responsive; `reader` must read
 * one consistent snapshot.
 */
export async function verifyChain(reader: ChainReader, options: VerifyOptions = {}): Promise<VerifyRun> {
  const { from = null, batch = BATCH, onProgress } = options;
  const headLink = await maxSeq(reader, "audit_chain");
  const interactionsSeq = await maxSeq(reader, "interactions");
  const start = from ? from.link - 1 : 0;
  onProgress?.({ links_checked: 0, at_link: start, head_link: headLink });
  const completed = await completedFields(reader, start, batch);
  const redactions = await loadRedactions(reader, start);
  let prevHash = GENESIS;
  let after = start;
  let checked = 0;
  let broken: BrokenLink | null = null;
  let head: VerifyReport["head"] = null;
  let { links, more } = await nextLinks(reader, after, batch);
  if (from) ({ prevHash, broken } = await checkpointProblem(reader, from, links[0]));
  while (!broken) {
    const facts: BatchFacts = { completed, redactions, reviews: await reviewsOf(reader, links), retirements: await retirementsOf(reader, links) };
    for (const l of links) {
      // One retirement's rows at a time: a run of retired links is never held at once.
      facts.retiredContent = l.kind === "retired" ? await retirementContent(reader, l) : undefined;
      broken = check(l, prevHash, facts);
      if (broken) break;
      checked++;
      prevHash = l.hash;
      head = { link: l.link, hash: l.hash };
    }
    onProgress?.({ links_checked: checked, at_link: head?.link ?? start, head_link: headLink });
    if (broken || !more) break;
    after = links.at(-1)!.link;
    await nextTick();
    ({ links, more } = await nextLinks(reader, after, batch));
  }
  return {
    status: broken ? "broken" : "ok",
    links_checked: checked,
    head,
    broken,
    unchained: await unchainedAfter(reader, from, interactionsSeq),
    redactions: await reportedRedactions(reader, head?.link ?? from?.link ?? 0),
    retired: await reportedRetirements(reader, head?.link ?? from?.link ?? 0),
    verified_at: new Date().toISOString(),
    from,
    // The link `from` names is counted once: it is checked again here.
    links_verified: (from ? from.links_verified - 1 : 0) + checked,
    interactions_seq: interactionsSeq,
  };
}
