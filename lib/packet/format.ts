import type { RedactionRecord } from "@/lib/audit/redaction-content";
import type { PacketLink, PacketRow } from "@/lib/db/contract/packet";
import type { ReviewRow } from "@/lib/db/contract/reviews";
import type { SessionSummary } from "@/lib/sessions/schema";

// The machine-readable part of an audit packet: JSON blocks in the HTML, each a
// `<script type="application/json" data-packet="KIND">` element (data, never executed; `<` is
// written as \u003c inside, so no text can close the element). In document order:
//
//   head   PacketHead: the format, the session's summary, when it was exported
//   turn   PacketTurn, one per turn in session order: the row exactly as its links hashed it
//          (lib/audit/canonical-content.ts), every link covering it, and the records of its
//          redactions (what each `redaction` link hashed: pointer, digest of the removed
//          part, reason, author, time; never the removed text)
//   review PacketReview, one per review of the session or of its turns, in chain order: the
//          reviews row as its `review` link hashed it, and that link
//   path   PacketPathPart, one or more: every link of the chain from the first covered link
//          to the head, in chain order, each as [seq, content_hash]; a covered link as
//          [seq, content_hash, kind, interaction_id]. A link's hash is
//          SHA-256(previous hash + content_hash), so the path rebuilds every hash up to the head
//          without carrying other sessions' data.
//   end    PacketEnd: how many turns the packet holds, where the path starts, the head.

export const PACKET_FORMAT = "atocore-audit-packet/1";

export type PacketHead = { format: typeof PACKET_FORMAT; session: SessionSummary; exported_at: string };

export type PacketTurn = { turn: number; row: PacketRow; links: PacketLink[]; redactions: RedactionRecord[] };

/** A review as stored (ChainedReview plus its seq and the review that superseded it) and its link (a review link names the review in interaction_id). */
export type PacketReview = { review: ReviewRow; link: PacketLink | null };

/** [seq, content_hash] for another session's link; with kind and interaction id for a covered one. */
export type PathEntry = [number, string] | [number, string, string, string];
export type PacketPathPart = { path: PathEntry[] };

export type PacketEnd = {
  turns: number;
  reviews: number;
  /** The first covered link and the hash before it; null when nothing in the packet is chained. */
  start: { seq: number; prev_hash: string } | null;
  /** The chain's newest link when the path was read: where the path ends. */
  head: { seq: number; hash: string } | null;
};

export type PacketBlockKind = "head" | "turn" | "review" | "path" | "end";

/** One data block: JSON that cannot end the script element it sits in. */
export function dataBlock(kind: PacketBlockKind, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, "\\u003c");
  return `<script type="application/json" data-packet="${kind}">${json}</script>\n`;
}

/** The data blocks of a packet's HTML, in document order; `text` is each block's JSON text. */
export function dataBlocks(html: string): { kind: string; text: string }[] {
  return [...html.matchAll(/<script type="application\/json" data-packet="([a-z]+)">([^<]*)<\/script>/g)].map((m) => ({ kind: m[1], text: m[2] }));
}
