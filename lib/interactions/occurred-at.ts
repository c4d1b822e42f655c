import { z } from "zod";

// `occurred_at`: when the client says a turn happened, beside the server's `created_at` (when it
// arrived). Accepted: ISO 8601 date and time with seconds and a zone, `Z` or `±HH:MM`
// (2026-12-06T14:03:07Z, 2026-12-06T23:03:07.123456+09:00); fractions beyond the millisecond
// are cut (both databases keep milliseconds). Refused: anything else (a date alone, no zone,
// which would be read in some unknown local time), a date or time that does not exist, an
// instant before 1970, or more than FUTURE_SLACK_MS ahead of the server's clock (a client clock
// that far ahead would put the turn after turns that have not happened yet).

export const OCCURRED_AT_FUTURE_SLACK_MS = 5 * 60_000;

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;
const HINT = "occurred_at must be an ISO 8601 date and time with a zone, e.g. 2026-12-06T14:03:07Z or 2026-12-06T23:03:07.250+09:00";

/** The instant (epoch ms) of an accepted `occurred_at` text, or why it is refused. */
export function parseOccurredAt(text: string, now = Date.now()): { ms: number } | { problem: string } {
  const m = FORMAT.exec(text);
  if (!m) return { problem: HINT };
  const [Y, M, D, h, mi, s] = m.slice(1, 7).map(Number);
  const frac = Number(((m[7] ?? "") + "000").slice(0, 3));
  const local = Date.UTC(Y, M - 1, D, h, mi, s, frac);
  const date = new Date(local);
  if (M < 1 || M > 12 || h > 23 || mi > 59 || s > 59 || date.getUTCDate() !== D || date.getUTCMonth() !== M - 1) {
    return { problem: `occurred_at is not a real date and time: ${text}` };
  }
  const zone = m[8].toUpperCase();
  const [oh, om] = zone === "Z" ? [0, 0] : [Number(zone.slice(1, 3)), Number(zone.slice(4, 6))];
  if (oh > 23 || om > 59) return { problem: `occurred_at has an offset that does not exist: ${zone}` };
  const ms = local - (zone.startsWith("-") ? -1 : 1) * (oh * 60 + om) * 60_000;
  if (ms < 0) return { problem: "occurred_at is before 1970-01-01T00:00:00Z" };
  if (ms > now + OCCURRED_AT_FUTURE_SLACK_MS) {
    return { problem: `occurred_at is more than 5 minutes ahead of the server's clock (${new Date(now).toISOString()})` };
  }
  return { ms };
}

/** The capture body's `occurred_at`: accepted text becomes its canonical form, UTC with milliseconds. */
export const occurredAtSchema = z.string({ error: "occurred_at must be a string" }).transform((text, ctx) => {
  const parsed = parseOccurredAt(text);
  if ("problem" in parsed) {
    ctx.addIssue({ code: "custom", message: parsed.problem });
    return z.NEVER;
  }
  return new Date(parsed.ms).toISOString();
});

/** An `occurred_at` (canonical ISO text) as epoch ms, or null. */
export const occurredAtMs = (iso: string | null | undefined): number | null => (iso == null ? null : Date.parse(iso));
