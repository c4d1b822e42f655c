// Times as the viewer shows them. Relative labels are computed against a `now` the server
// passes down, so server and browser render the same text.

const UNITS: [number, string][] = [
  [86_400_000, "d"],
  [3_600_000, "h"],
  [60_000, "min"],
  [1_000, "s"],
];

/** "just now", "42 s ago", "5 min ago", "3 h ago", "12 d ago"; beyond 60 days the UTC date. */
export function relativeTime(ms: number, now: number): string {
  const age = now - ms;
  if (age < 1_000) return "just now";
  if (age > 60 * 86_400_000) return new Date(ms).toISOString().slice(0, 10);
  const [size, unit] = UNITS.find(([s]) => age >= s)!;
  return `${Math.floor(age / size)} ${unit} ago`;
}

/** "2026-11-25 14:03:07.123 UTC" */
export function utcLabel(ms: number): string {
  return `${new Date(ms).toISOString().replace("T", " ").replace("Z", "")} UTC`;
}

/** A span of time for bucket labels: "90 s", "12 min", "3 h", "2 d". */
export function durationLabel(ms: number): string {
  const [size, unit] = UNITS.find(([s]) => ms >= s) ?? [1, "ms"];
  const n = ms / size;
  return `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit}`;
}

/** The first non-blank line of a text, cut to `max` characters. */
export function firstLine(text: string, max = 160): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== "")?.trim() ?? "";
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A list's absolute time, UTC, to the second: "Nov 25 14:03:07"; another year "2025-11-25 14:03". */
export function absoluteLabel(ms: number, now: number): string {
  const d = new Date(ms);
  const iso = d.toISOString();
  if (d.getUTCFullYear() !== new Date(now).getUTCFullYear()) return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${iso.slice(11, 19)}`;
}

/**
 * How a page of rows best shows its times: relative while those labels tell the rows apart,
 * absolute once more than a quarter of neighbouring rows share a relative label ("21 d ago" on
 * every row of a two-week window) that their absolute times do not share.
 */
export function timeStyleFor(times: readonly number[], now: number): "relative" | "absolute" {
  let blurred = 0;
  for (let i = 1; i < times.length; i++) {
    const [a, b] = [times[i - 1], times[i]];
    if (relativeTime(a, now) === relativeTime(b, now) && absoluteLabel(a, now) !== absoluteLabel(b, now)) blurred++;
  }
  return blurred * 4 > times.length - 1 ? "absolute" : "relative";
}
