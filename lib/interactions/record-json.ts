import { database } from "@/lib/db";
import { spliceableJson } from "@/lib/db/dialect";
import { interactionColumns } from "@/lib/db/sql/filter-sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { safeJsonObject, toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";

// An answer that sends whole records (a session's turns) spends most of its time parsing each
// stored pack and serializing it again, to send what was stored: 24 MB of a 500-turn page of
// 40 KB packs took ~140 ms of JSON.parse and JSON.stringify, and decoding the text into strings
// and encoding it back more. Here the stored pack goes out as its bytes.

/** A row read with `recordJsonColumns`: its pack as spliceable JSON (spliceableJson), not parsed. */
export type SpliceRow = Omit<InteractionRow, "context_pack"> & { context_pack_json: string | Uint8Array | null };

/** The columns of `interactions j` that `recordJsonParts` needs. */
export const recordJsonColumns = (): Prisma.Sql =>
  Prisma.sql`${interactionColumns("j", ["context_pack"])}, ${spliceableJson("j.context_pack")} AS context_pack_json`;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Whether valid JSON text is an object that can go into an answer as it is: it starts with
 * `{` and ends with `}` (past whitespace), and holds no NUL (SQLite's JSON functions stop
 * reading a text at one, so what follows it was never checked).
 */
function isObjectText(json: string | Uint8Array): boolean {
  const at = typeof json === "string" ? (i: number) => json.charCodeAt(i) : (i: number) => json[i];
  let start = 0;
  let end = json.length - 1;
  while (start < end && isSpace(at(start))) start++;
  while (end > start && isSpace(at(end))) end--;
  if (at(start) !== 0x7b || at(end) !== 0x7d) return false;
  return typeof json === "string" ? !json.includes("\0") : json.indexOf(0) === -1;
}

/**
 * The JSON text of a row's InteractionRecord followed by `extra`'s fields, as UTF-8: the stored
 * pack as it was stored (its bytes on SQLite), the rest serialized. A pack that cannot be spliced
 * (corrupt, not an object, nested deeper than SQLite's JSON reads) is read again and answered
 * as every other read answers it (toInteractionRecord). In parts, for the caller to join with
 * its other parts into one chunk (a stream of many small chunks spent more on passing them along
 * than on the records), so that a pack of MBs is copied once; `separator` goes before the record
 * (the comma of a list).
 */
export async function recordJsonParts(row: SpliceRow, extra: Record<string, unknown> = {}, separator = ""): Promise<Uint8Array[]> {
  const { context_pack_json: json, ...columns } = row;
  // The record's own key order, the pack in its place.
  const entries = Object.entries({ ...toInteractionRecord({ ...columns, context_pack: null }), ...extra });
  const at = entries.findIndex(([key]) => key === "context_pack");
  const fields = (from: number, to?: number) => JSON.stringify(Object.fromEntries(entries.slice(from, to))).slice(1, -1);
  const before = fields(0, at);
  const after = fields(at + 1);
  const pack = json !== null && isObjectText(json) ? json : JSON.stringify(await storedPack(row.seq));
  const parts = [`${separator}{${before}${before && ","}"context_pack":`, pack, `${after && ","}${after}}`];
  return parts.map((part) => (typeof part === "string" ? Buffer.from(part) : part));
}

async function storedPack(seq: number | bigint): Promise<Record<string, unknown>> {
  const [row] = await database().reads.rows<Pick<InteractionRow, "context_pack">>(
    Prisma.sql`SELECT context_pack FROM interactions WHERE seq = ${Number(seq)}`,
  );
  return safeJsonObject(row?.context_pack ?? null);
}
