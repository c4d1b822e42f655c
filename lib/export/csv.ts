import type { InteractionRecord } from "@/lib/interactions/schema";

/** The CSV columns, in the API's field order; lists and the pack are JSON text, an absent time empty. */
export const CSV_COLUMNS = [
  "id",
  "created_at",
  "occurred_at",
  "project",
  "client",
  "session_id",
  "prompt",
  "response",
  "response_summary",
  "memories_used",
  "chunks_used",
  "context_pack",
] as const satisfies readonly (keyof InteractionRecord)[];

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection);
// a leading apostrophe makes it text. Tab and CR are on OWASP's list too.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field: neutralised for spreadsheets, quoted when it holds , " CR or LF. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(",") + "\r\n";
}

export function csvRow(r: InteractionRecord): string {
  return (
    CSV_COLUMNS.map((c) => {
      const v = r[c];
      return csvCell(typeof v === "string" ? v : v === null ? "" : JSON.stringify(v));
    }).join(",") + "\r\n"
  );
}
