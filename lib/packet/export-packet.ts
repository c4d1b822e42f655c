import { setImmediate as nextTick } from "node:timers/promises";
import type { RedactionRecord } from "@/lib/audit/redaction-content";
import { analyzePack } from "@/lib/context-pack/analyze-pack";
import type { CompletableState, PacketLink, PacketRow } from "@/lib/db/contract/packet";
import { database } from "@/lib/db";
import type { Cursor } from "@/lib/interactions/cursor";
import { toInteractionRecord } from "@/lib/interactions/row";
import { dataBlock, PACKET_FORMAT, type PacketEnd, type PacketHead, type PacketReview, type PacketTurn, type PathEntry } from "@/lib/packet/format";
import {
  packetEndHtml,
  packetStartHtml,
  REVIEW_END_HTML,
  reviewHtml,
  REVIEWS_START_HTML,
  reviewsEndHtml,
  TURN_END_HTML,
  turnHtml,
} from "@/lib/packet/packet-html";
import { toReviewRecord } from "@/lib/reviews/review-record";
import { getSessionSummaryAndEnd } from "@/lib/sessions/get-session-summary";
import { diffPacks, summarizePack, type PackSummary } from "@/lib/sessions/pack-diff";
import { partsStream } from "@/lib/export/parts-stream";
import { SESSION_ROW_BATCH } from "@/lib/sessions/session-rows";

/** Reviews per read. */
const REVIEW_BATCH = 100;

/** Links per path block: one read and one part of the answer. */
export const PATH_BATCH = 2000;

const stateKey = (s: CompletableState) => `${s.response}\u0000${s.response_summary}\u0000${s.response_added_at}`;
const sameState = (a: readonly CompletableState[], b: readonly CompletableState[]) => {
  const before = new Map(a.map((s) => [s.id, stateKey(s)]));
  return b.length === before.size && b.every((s) => before.get(s.id) === stateKey(s));
};

/**
 * A batch of rows with every link covering them, consistent with each other: a completion
 * committed while they are read changes a row and adds a link together, so the links are read
 * until the rows' completable fields are the same before and after (the rows then take those
 * fields).
 */
async function withLinks(rows: PacketRow[]): Promise<{ row: PacketRow; links: PacketLink[]; redactions: RedactionRecord[] }[]> {
  const store = database().packet;
  const ids = rows.map((r) => r.id);
  let state: CompletableState[] = rows.map(({ id, response, response_summary, response_added_at }) => ({ id, response, response_summary, response_added_at }));
  let links: PacketLink[];
  for (;;) {
    links = await store.linksOf(ids);
    const again = await store.completableState(ids);
    if (sameState(state, again)) break;
    state = again;
  }
  const byId = new Map(state.map((s) => [s.id, s]));
  // Only the redacted rows' records are read: most batches have none.
  const redactedIds = [...new Set(links.filter((l) => l.kind === "redaction").map((l) => l.interaction_id))];
  const records = await store.redactionsOf(redactedIds);
  return rows.map((row) => ({
    row: { ...row, ...byId.get(row.id) },
    links: links.filter((l) => l.interaction_id === row.id),
    redactions: records.filter((r) => r.interaction_id === row.id),
  }));
}

/** The session's rows oldest first up to `through`, each with its links. */
async function* rowsWithLinks(sessionId: string, through: Cursor): AsyncGenerator<{ row: PacketRow; links: PacketLink[]; redactions: RedactionRecord[] }> {
  let after: Cursor | undefined;
  for (;;) {
    const rows = await database().packet.sessionRows(sessionId, after, through, SESSION_ROW_BATCH);
    if (rows.length === 0) return;
    yield* await withLinks(rows);
    if (rows.length < SESSION_ROW_BATCH) return;
    const last = rows[rows.length - 1];
    after = { createdAt: last.created_at, seq: last.seq };
    await nextTick();
  }
}

/**
 * The packet a turn at a time: the page's start, each turn (HTML, then its data), the reviews of
 * the session and its turns, the path of links from the first covered one to the head, the end.
 * Memory holds one batch of rows, two packs' summaries, and the covered links' seqs and the
 * turns' ids, whatever the session's length.
 */
async function* packetParts(sessionId: string): AsyncGenerator<string> {
  const { summary, end } = await getSessionSummaryAndEnd(sessionId);
  const exportedAt = new Date().toISOString();
  const head: PacketHead = { format: PACKET_FORMAT, session: summary, exported_at: exportedAt };
  yield packetStartHtml(summary, exportedAt) + dataBlock("head", head);

  const covered = new Map<number, [string, string]>();
  let start = null as PacketEnd["start"];
  const cover = (l: PacketLink) => {
    covered.set(l.seq, [l.kind, l.interaction_id]);
    if (!start || l.seq < start.seq) start = { seq: l.seq, prev_hash: l.prev_hash };
  };
  // Which turn each interaction is, for the reviews that point at one.
  const turnOfId = new Map<string, number>();
  let previous: PackSummary | null = null;
  let turn = 0;
  for await (const { row, links, redactions } of rowsWithLinks(sessionId, end)) {
    turn++;
    const record = toInteractionRecord(row);
    const analysis = analyzePack(record.context_pack, record.memories_used, record.chunks_used);
    const packSummary = summarizePack(analysis, "text");
    const diff = previous && diffPacks(previous, packSummary);
    previous = packSummary;
    turnOfId.set(row.id, turn);
    for (const l of links) cover(l);
    const data: PacketTurn = { turn, row, links, redactions };
    yield turnHtml({ turn, record, analysis, diff, links }) + dataBlock("turn", data) + TURN_END_HTML;
  }

  yield REVIEWS_START_HTML;
  let reviews = 0;
  for (let after = 0; ; await nextTick()) {
    const batch = await database().reviews.listReviewsWithLinks({ session_and_turns: sessionId }, after, REVIEW_BATCH);
    for (const { link, ...review } of batch) {
      const links: PacketLink[] = link ? [{ ...link, kind: "review", interaction_id: review.id, fields: "" }] : [];
      for (const l of links) cover(l);
      const record = toReviewRecord(review);
      const turnOf = review.interaction_id === null ? null : (turnOfId.get(review.interaction_id) ?? null);
      const data: PacketReview = { review, link: links[0] ?? null };
      yield reviewHtml({ review: record, seq: review.seq, turn: turnOf, links }) + dataBlock("review", data) + REVIEW_END_HTML;
      reviews++;
    }
    if (batch.length < REVIEW_BATCH) break;
    after = batch[batch.length - 1].seq;
  }
  yield reviewsEndHtml(reviews);

  const chainHead = start ? await database().packet.head() : null;
  let pathLinks = 0;
  if (start && chainHead) {
    for (let after = start.seq - 1; after < chainHead.seq; await nextTick()) {
      const part = await database().packet.linksBetween(after, chainHead.seq, PATH_BATCH);
      if (part.length === 0) break;
      const path = part.map(({ seq, content_hash }): PathEntry => {
        const c = covered.get(seq);
        return c ? [seq, content_hash, c[0], c[1]] : [seq, content_hash];
      });
      pathLinks += path.length;
      yield dataBlock("path", { path });
      after = part[part.length - 1].seq;
    }
  }
  const packetEnd: PacketEnd = { turns: turn, reviews, start, head: start ? chainHead : null };
  yield dataBlock("end", packetEnd) + packetEndHtml(packetEnd, pathLinks);
}

export type PacketDownload = { body: ReadableStream<Uint8Array>; filename: string };

/** The session's audit packet as a download; NotFoundError before any byte when the session has no turns. */
export async function exportPacket(sessionId: string): Promise<PacketDownload> {
  const parts = packetParts(sessionId);
  // The first part reads the summary: an unknown session fails here, before the status line.
  const first = await parts.next();
  async function* all(): AsyncGenerator<string> {
    if (!first.done) yield first.value;
    yield* parts;
  }
  const base = `session-${sessionId.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100)}`;
  return { body: partsStream(all(), { format: "packet" }), filename: `${base}-packet.html` };
}
