import { database } from "@/lib/db";
import { encodeCursor } from "@/lib/interactions/cursor";
import { recordJsonColumns, recordJsonParts, type SpliceRow } from "@/lib/interactions/record-json";
import { getSessionSummary } from "@/lib/sessions/get-session-summary";
import { partsStream } from "@/lib/export/parts-stream";
import type { SessionTurnsQuery } from "@/lib/sessions/schema";
import { sessionRowsAfter } from "@/lib/sessions/session-rows";
import { turnCountSql, turnCursorOf } from "@/lib/db/sql/turn-order-sql";

/**
 * A session's summary and one page of its turns, oldest first, as the JSON text of a
 * SessionDetail written a turn at a time, each turn's pack as stored (recordJsonParts): a page
 * of 500 turns with large packs never sits in memory whole. Turns are in the order they happened (lib/db/sql/turn-order-sql.ts); every
 * read is a range of the session's index in that order: other sessions are never touched.
 * NotFoundError before any byte for an unknown session.
 */
export async function getSession(sessionId: string, q: SessionTurnsQuery): Promise<ReadableStream<Uint8Array>> {
  const summary = await getSessionSummary(sessionId);
  // The turn number of the page's first row: how many turns come up to the cursor.
  const [{ n: before }] = q.cursor ? await database().reads.rows<{ n: number }>(turnCountSql(sessionId, { createdAt: q.cursor.createdAt, seq: q.cursor.seq + 1 })) : [{ n: 0 }];
  async function* parts(): AsyncGenerator<string | Uint8Array> {
    yield `{"session":${JSON.stringify(summary)},"turns":[`;
    let served = 0;
    let last: SpliceRow | undefined;
    let more = false;
    if (q.limit > 0) {
      for await (const row of sessionRowsAfter<SpliceRow>(sessionId, q.cursor, recordJsonColumns())) {
        if (served === q.limit) {
          more = true;
          break;
        }
        yield Buffer.concat(await recordJsonParts(row, { turn: before + served + 1 }, served > 0 ? "," : ""));
        served++;
        last = row;
      }
    }
    yield `],"next_cursor":${JSON.stringify(more && last ? encodeCursor(turnCursorOf(last)) : null)}}`;
  }
  return partsStream(parts(), { read: "session" });
}
