// The instants our API accepts for `since` / `until`:
//   2026-11-25                     a date alone: UTC midnight
//   2026-11-25 14:03:07            the reference module's own format: UTC
//   2026-11-25T14:03:07Z           ISO 8601 with Z or an offset, optional seconds and fraction
//   2026-11-25T16:03:07 02:00      the same with "+02:00" pasted unencoded in a query string,
//                                  where "+" arrives as a space (the space can mean nothing else)
// We compare real instants, never text (the reference compared two different text formats).
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const REFERENCE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+ -]\d{2}:?\d{2})$/i;

function utcMs(y: string, mo: string, d: string, h = "0", mi = "0", s = "0", frac = ""): number | null {
  const [Y, M, D, H, MI, S] = [y, mo, d, h, mi, s].map(Number);
  if (M < 1 || M > 12 || D < 1 || H > 23 || MI > 59 || S > 59) return null;
  const ms = Number((frac + "000").slice(0, 3));
  const t = Date.UTC(Y, M - 1, D, H, MI, S, ms);
  // Date.UTC rolls 2026-02-30 over to March; a date that does not exist is an error.
  if (new Date(t).getUTCDate() !== D) return null;
  return t;
}

function offsetMs(zone: string): number | null {
  if (zone.toUpperCase() === "Z") return 0;
  const m = /^([+ -])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 23 || minutes > 59) return null;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

/** Parses one of the accepted timestamp forms into epoch milliseconds, or null. */
export function parseInstant(text: string): number | null {
  const s = text.trim();
  let m = DATE_ONLY.exec(s);
  if (m) return utcMs(m[1], m[2], m[3]);
  m = REFERENCE.exec(s);
  if (m) return utcMs(m[1], m[2], m[3], m[4], m[5], m[6]);
  m = ISO.exec(s);
  if (m) {
    const local = utcMs(m[1], m[2], m[3], m[4], m[5], m[6] ?? "0", m[7] ?? "");
    const offset = offsetMs(m[8]);
    if (local === null || offset === null) return null;
    return local - offset;
  }
  return null;
}

export const INSTANT_FORMATS_HINT =
  "use ISO 8601 with Z or an offset (2026-11-25T14:03:07Z), a date (2026-11-25), or 'YYYY-MM-DD HH:MM:SS' (UTC)";
