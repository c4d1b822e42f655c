import {
  linkHash,
  parseFields,
  reviewContentHash,
  type ChainedReview,
  type ChainedRow,
} from "@/lib/audit/canonical-content";
import { recomputedContent, redactedRowProblem, type ChainRedaction, type Redactions } from "@/lib/audit/verify-redactions";
import type { PacketLink } from "@/lib/db/contract/packet";
import { dataBlocks, PACKET_FORMAT, type PacketEnd, type PacketHead, type PacketReview, type PacketTurn, type PathEntry } from "@/lib/packet/format";
import { unesc } from "@/lib/packet/packet-html";

// Checks an audit packet offline (npm run verify-packet). The rule:
// 1. every turn's row, recomputed with the chain's own content hash (lib/audit/canonical-content.ts,
//    the code the server's verification runs), gives the content hash of each link covering it,
//    and each link's hash is SHA-256(prev_hash + content_hash);
//    and each review, hashed likewise (reviewContentHash), gives its `review` link's content hash;
// 2. the turns are numbered 1..N without a gap, N as the end block says (and the reviews' count),
//    every link the path marks as covered belongs to a turn or review in the packet, and every
//    turn's and review's link is on the path;
// 3. the path, rebuilt from the first covered link's prev_hash by hash = SHA-256(prev + content_hash),
//    passes through every covered link's stored prev_hash and hash and ends at the head it names
//    (and at --head when given);
// 4. the text the page shows for a prompt, response or summary is the text in the data.
// A packet can only vouch for itself against a head hash obtained elsewhere (the server's
// /audit page or GET /api/audit/verify): anyone can rebuild a whole packet, with a new head.

export type PacketProblem = { where: string; message: string };
export type PacketReport = {
  status: "intact" | "broken";
  session_id: string;
  turns: number;
  reviews: number;
  links_checked: number;
  head: { seq: number; hash: string } | null;
  problems: PacketProblem[];
};

/** The file is not a packet at all (exit 2), as opposed to a packet that fails its checks. */
export class UnreadablePacketError extends Error {}

const MAX_PROBLEMS = 20;

function parse<T>(text: string, where: string, problems: PacketProblem[]): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    problems.push({ where, message: "its data is not valid JSON (the file was edited)" });
    return null;
  }
}

/** The rows' chained columns: the verifier rebuilds them from the packet's data. */
function chainedRow(row: PacketTurn["row"]): ChainedRow {
  const { id, prompt, response, response_summary, project, client, session_id, memories_used, chunks_used, context_pack, created_at, response_added_at, occurred_at } = row;
  return { id, prompt, response, response_summary, project, client, session_id, memories_used, chunks_used, context_pack, created_at, response_added_at, occurred_at };
}

/** The turn's redactions as the server's verifier loads them: each record with its link. */
function redactionsOf(t: PacketTurn): Redactions {
  const linkOf = new Map(t.links.filter((l) => l.kind === "redaction").map((l) => [l.fields, l.seq]));
  const records: ChainRedaction[] = (t.redactions ?? []).flatMap((r) => {
    const link = linkOf.get(r.id);
    return link === undefined ? [] : [{ ...r, link }];
  });
  const completed = new Set(t.links.filter((l) => l.kind === "completion").flatMap((l) => parseFields(l.fields)));
  return {
    byInteraction: new Map(records.length ? [[t.row.id, records]] : []),
    byLink: new Map(records.map((r) => [r.link, r])),
    completed: new Map([[t.row.id, completed]]),
  };
}

const TURN_LINK_KINDS = new Set(["capture", "completion", "redaction"]);

function checkTurn(t: PacketTurn, where: string, problems: PacketProblem[]) {
  const row = chainedRow(t.row);
  const captures = t.links.filter((l) => l.kind === "capture");
  if (captures.length === 0) problems.push({ where, message: `interaction ${row.id} has no capture link: it is not covered by the chain` });
  const redactions = redactionsOf(t);
  const completed = redactions.completed.get(row.id)!;
  for (const l of t.links) {
    const at = `${where}, link ${l.seq} (${l.kind})`;
    if (l.interaction_id !== row.id) problems.push({ where: at, message: `covers interaction ${l.interaction_id}, not ${row.id}` });
    if (!TURN_LINK_KINDS.has(l.kind)) {
      problems.push({ where: at, message: `unknown link kind ${l.kind}` });
      continue;
    }
    // The server verification's own rules for each link (v1 or v2, redacted or not).
    const link = { ...l, link: l.seq };
    // A changed marker is the row's problem, named once rather than at each of its links.
    const redacted = redactedRowProblem(link, row, redactions);
    if (redacted && !problems.some((p) => p.message === redacted.message)) problems.push({ where: at, message: redacted.message });
    const content = recomputedContent(link, row, completed, redactions);
    // null: a v1 capture over text a redaction removed; the redaction's base covers the row.
    if (content !== null && content !== l.content_hash) {
      problems.push({ where: at, message: l.kind === "redaction"
        ? `the redaction record in the packet does not give the link's content hash (it was changed or removed): expected ${l.content_hash}, computed ${content}`
        : `the row in the packet does not give the link's content hash (a field of interaction ${row.id} was changed): expected ${l.content_hash}, computed ${content}` });
    }
    if (linkHash(l.prev_hash, l.content_hash) !== l.hash) problems.push({ where: at, message: "the link's hash is not SHA-256(prev_hash + content_hash): the link was rewritten" });
  }
}

function checkReview(r: PacketReview, sessionId: string, turnIds: Set<string>, problems: PacketProblem[]) {
  const { seq: _seq, superseded_by: _by, ...chained } = r.review;
  const where = `review ${r.review.id}`;
  if (r.review.session_id !== sessionId && !(r.review.interaction_id !== null && turnIds.has(r.review.interaction_id))) {
    problems.push({ where, message: "reviews neither this session nor one of its turns in the packet" });
  }
  if (!r.link) return problems.push({ where, message: "has no review link: it is not covered by the chain" });
  const at = `${where}, link ${r.link.seq} (review)`;
  const content = reviewContentHash(chained as ChainedReview);
  if (r.link.kind !== "review" || r.link.interaction_id !== r.review.id) problems.push({ where: at, message: "the link does not name this review" });
  if (content !== r.link.content_hash) problems.push({ where: at, message: `the review in the packet does not give the link's content hash (its verdict, labels, note, author or time was changed): expected ${r.link.content_hash}, computed ${content}` });
  if (linkHash(r.link.prev_hash, r.link.content_hash) !== r.link.hash) problems.push({ where: at, message: "the link's hash is not SHA-256(prev_hash + content_hash): the link was rewritten" });
}

/** The shown prompt, response and summary of each turn, as the page's HTML holds them. */
function checkShownText(html: string, turns: Map<number, PacketTurn>, problems: PacketProblem[]) {
  for (const m of html.matchAll(/<pre dir="auto" data-turn="(\d+)" data-field="(prompt|response|response_summary)">([^<]*)<\/pre>/g)) {
    const t = turns.get(Number(m[1]));
    const field = m[2] as "prompt" | "response" | "response_summary";
    if (t && unesc(m[3]) !== t.row[field]) problems.push({ where: `turn ${m[1]}, field ${field}`, message: "the text shown in the page differs from the data the chain covers" });
  }
}

type Owned = { link: PacketLink; owner: string };

function checkPath(path: PathEntry[], end: PacketEnd, links: Map<number, Owned>, problems: PacketProblem[]): number {
  if (!end.start || !end.head) {
    if (links.size > 0) problems.push({ where: "chain", message: "the packet has links but no path to the head" });
    return 0;
  }
  let hash = end.start.prev_hash;
  let lastSeq = -Infinity;
  const seen = new Set<number>();
  for (const [seq, content, kind, interactionId] of path) {
    if (!(seq > lastSeq)) problems.push({ where: `path at link ${seq}`, message: "links are out of chain order" });
    lastSeq = seq;
    const prev = hash;
    hash = linkHash(prev, content);
    const own = links.get(seq);
    if (kind === undefined) {
      if (own) problems.push({ where: `${own.owner}, link ${seq}`, message: "the path does not mark this link as covered" });
      continue;
    }
    if (!own) {
      const what = kind === "review" ? `review ${interactionId}` : `the ${kind} link of interaction ${interactionId}`;
      problems.push({ where: `path at link ${seq}`, message: `${what} is covered but its record is missing from the packet (a ${kind === "review" ? "review" : "turn"} was removed)` });
      continue;
    }
    seen.add(seq);
    const where = `${own.owner}, link ${seq} (${own.link.kind})`;
    if (own.link.content_hash !== content || own.link.kind !== kind || own.link.interaction_id !== interactionId) problems.push({ where, message: "the link differs from its entry on the path" });
    if (own.link.prev_hash !== prev) problems.push({ where, message: `the link does not follow the link before it on the path: expected prev_hash ${prev}, stored ${own.link.prev_hash}` });
    if (own.link.hash !== hash) problems.push({ where, message: `the path gives another hash here: expected ${hash}, stored ${own.link.hash}` });
  }
  for (const [seq, { owner }] of links) if (!seen.has(seq)) problems.push({ where: `${owner}, link ${seq}`, message: "the link is not on the path to the head" });
  if (path.length === 0 || path[0][0] !== end.start.seq) problems.push({ where: "chain", message: `the path does not start at the first covered link ${end.start.seq}` });
  if (lastSeq !== end.head.seq || hash !== end.head.hash) problems.push({ where: "chain", message: `the path ends at link ${lastSeq} with hash ${hash}, not at the head the packet names (link ${end.head.seq}, ${end.head.hash})` });
  return path.length;
}

/** Verifies a packet's HTML; `expectedHead` is a head hash obtained from the server. */
export function verifyPacket(html: string, expectedHead?: string): PacketReport {
  const problems: PacketProblem[] = [];
  const blocks = dataBlocks(html);
  const headBlock = blocks.find((b) => b.kind === "head");
  const head = headBlock && parse<PacketHead>(headBlock.text, "packet head", []);
  if (!head || head.format !== PACKET_FORMAT) throw new UnreadablePacketError(`not an audit packet (no ${PACKET_FORMAT} head block)`);
  const sessionId = head.session.session_id;

  const turns = new Map<number, PacketTurn>();
  const links = new Map<number, Owned>();
  const reviews: PacketReview[] = [];
  const path: PathEntry[] = [];
  let end: PacketEnd | null = null;
  let expectedTurn = 1;
  blocks.forEach((b, i) => {
    if (b.kind === "turn") {
      const t = parse<PacketTurn>(b.text, `data block ${i + 1} (turn ${expectedTurn})`, problems);
      if (!t) return;
      const where = `turn ${t.turn} (interaction ${t.row.id})`;
      if (t.turn !== expectedTurn) problems.push({ where, message: `turn ${expectedTurn} is missing: the packet goes from turn ${expectedTurn - 1} to ${t.turn}` });
      expectedTurn = t.turn + 1;
      if (t.row.session_id !== sessionId) problems.push({ where, message: `belongs to session ${t.row.session_id}, not ${sessionId}` });
      turns.set(t.turn, t);
      for (const l of t.links) links.set(l.seq, { link: l, owner: `turn ${t.turn}` });
      checkTurn(t, where, problems);
    } else if (b.kind === "review") {
      const r = parse<PacketReview>(b.text, `data block ${i + 1} (review)`, problems);
      if (!r) return;
      reviews.push(r);
      if (r.link) links.set(r.link.seq, { link: r.link, owner: `review ${r.review.id}` });
    } else if (b.kind === "path") {
      const part = parse<{ path: PathEntry[] }>(b.text, `data block ${i + 1} (path)`, problems);
      if (part) path.push(...part.path);
    } else if (b.kind === "end") {
      end = parse<PacketEnd>(b.text, "end block", problems);
    }
  });
  const last = end as PacketEnd | null;
  let checked = 0;
  if (!last) problems.push({ where: "packet", message: "the end block is missing (the file is cut short)" });
  else {
    if (last.turns !== turns.size || expectedTurn - 1 !== last.turns) problems.push({ where: "packet", message: `the packet says it holds ${last.turns} turns but ${turns.size} are there` });
    if (last.reviews !== reviews.length) problems.push({ where: "packet", message: `the packet says it holds ${last.reviews} reviews but ${reviews.length} are there` });
    checked = checkPath(path, last, links, problems);
    if (expectedHead !== undefined && last.head?.hash !== expectedHead.toLowerCase()) problems.push({ where: "chain", message: `the packet ends at head ${last.head?.hash ?? "(none)"}, not at the given head ${expectedHead}` });
  }
  const turnIds = new Set([...turns.values()].map((t) => t.row.id));
  for (const r of reviews) checkReview(r, sessionId, turnIds, problems);
  checkShownText(html, turns, problems);
  return {
    status: problems.length ? "broken" : "intact",
    session_id: sessionId,
    turns: turns.size,
    reviews: reviews.length,
    links_checked: checked,
    head: last?.head ?? null,
    problems: problems.slice(0, MAX_PROBLEMS),
  };
}
