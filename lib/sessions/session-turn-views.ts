import { analyzePack } from "@/lib/context-pack/analyze-pack";
import { interactionColumns } from "@/lib/db/sql/filter-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";
import { TEXT_FIELDS } from "@/lib/interactions/schema";
import { textChars, textStartColumns, type TextStartRow } from "@/lib/interactions/text-start";
import { diffPacks, summarizePack, type PackSummary } from "@/lib/sessions/pack-diff";
import { TURN_TEXT_CHARS, type PackDiff, type SessionTurn, type SessionTurnView } from "@/lib/sessions/schema";
import { sessionRows } from "@/lib/sessions/session-rows";
import { turnTime } from "@/lib/sessions/turn-time";

/** A turn with its pack, the pack's counts, and the diff with the previous turn's pack. */
export type TurnWithDiff<Row extends InteractionRow = InteractionRow> = {
  turn: SessionTurn;
  row: Row;
  pack: SessionTurnView["pack"];
  previous_at: string | null;
  pack_diff: PackDiff | null;
};

type CutRow = InteractionRow & TextStartRow;

/** Every column, the texts cut to TURN_TEXT_CHARS characters with their whole lengths. */
const cutTexts = Prisma.sql`${interactionColumns("j", TEXT_FIELDS)}, ${textStartColumns(TURN_TEXT_CHARS)}`;

/**
 * The turns of a session from `fromTurn` on, each compared with the turn before it. Only the
 * previous turn's pack summary is kept between turns, so memory stays at one batch of rows
 * and two packs' worth of item texts however long the session. `columns` as sessionRows takes.
 */
export async function* sessionTurnsWithDiff<Row extends InteractionRow = InteractionRow>(
  sessionId: string,
  fromTurn = 1,
  columns?: Prisma.Sql,
): AsyncGenerator<TurnWithDiff<Row>> {
  let previous: { summary: PackSummary; at: string } | null = null;
  for await (const { row, turn: n } of sessionRows<Row>(sessionId, Math.max(1, fromTurn - 1), columns)) {
    const record = toInteractionRecord(row);
    const analysis = analyzePack(record.context_pack, record.memories_used, record.chunks_used);
    const summary = summarizePack(analysis, "text");
    if (n >= fromTurn) {
      yield {
        turn: { ...record, turn: n },
        row,
        pack: { items: analysis.items.length, used: analysis.used, offered: analysis.offered },
        previous_at: previous?.at ?? null,
        pack_diff: previous && diffPacks(previous.summary, summary),
      };
    }
    previous = { summary, at: turnTime(record) };
  }
}

/** The turns as the transcript and the turns API show them, from `fromTurn` on: no pack, its counts and diff instead; texts cut. */
export async function* sessionTurnViews(sessionId: string, fromTurn: number): AsyncGenerator<SessionTurnView> {
  for await (const { turn, row, pack, previous_at, pack_diff } of sessionTurnsWithDiff<CutRow>(sessionId, fromTurn, cutTexts)) {
    const { context_pack: _pack, ...rest } = turn;
    yield { ...rest, text_chars: textChars(row), pack, previous_at, pack_diff };
  }
}
