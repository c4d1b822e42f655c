import { analyzePack } from "@/lib/context-pack/analyze-pack";
import { toInteractionRecord } from "@/lib/interactions/row";
import { diffPacks, summarizePack, type PackSummary } from "@/lib/sessions/pack-diff";
import type { PackDiff, SessionTurn, SessionTurnView } from "@/lib/sessions/schema";
import { sessionRows } from "@/lib/sessions/session-rows";
import { turnTime } from "@/lib/sessions/turn-time";

/** A turn with its pack, the pack's counts, and the diff with the previous turn's pack. */
export type TurnWithDiff = { turn: SessionTurn; pack: SessionTurnView["pack"]; previous_at: string | null; pack_diff: PackDiff | null };

/**
 * The turns of a session from `fromTurn` on, each compared with the turn before it. Only the
 * previous turn's pack summary is kept between turns, so memory stays at one batch of rows
 * and two packs' worth of item texts however long the session.
 */
export async function* sessionTurnsWithDiff(sessionId: string, fromTurn = 1): AsyncGenerator<TurnWithDiff> {
  let previous: { summary: PackSummary; at: string } | null = null;
  for await (const { row, turn: n } of sessionRows(sessionId, Math.max(1, fromTurn - 1))) {
    const record = toInteractionRecord(row);
    const analysis = analyzePack(record.context_pack, record.memories_used, record.chunks_used);
    const summary = summarizePack(analysis, "text");
    if (n >= fromTurn) {
      yield {
        turn: { ...record, turn: n },
        pack: { items: analysis.items.length, used: analysis.used, offered: analysis.offered },
        previous_at: previous?.at ?? null,
        pack_diff: previous && diffPacks(previous.summary, summary),
      };
    }
    previous = { summary, at: turnTime(record) };
  }
}

/** The turn as the transcript and the turns API show it: no pack, its counts and diff instead. */
export function toTurnView({ turn, pack, previous_at, pack_diff }: TurnWithDiff): SessionTurnView {
  const { context_pack: _pack, ...rest } = turn;
  return { ...rest, pack, previous_at, pack_diff };
}
