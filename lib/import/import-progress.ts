// What an import has done so far, on stderr: rows, rows/s, and the time left (from how much of
// the source is read). A person at a terminal sees one line redrawn in place; a log (stderr not
// a terminal: CI, nohup, a pipe) gets a full line every `intervalMs`, so a long import is never
// silent there.

export type ProgressOptions = {
  /** How much there is to read, in the unit of update()'s `done`: bytes of a file, rows of a table. */
  total: number;
  stream?: NodeJS.WriteStream;
  /** Between two lines when the stream is not a terminal. */
  intervalMs?: number;
  now?: () => number;
};

const TTY_REDRAW_MS = 250;

const count = (n: number) => Math.round(n).toLocaleString("en");

export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** One progress line: "importing: 12,300 rows in 4s, 2,950 rows/s, 41%, about 1m 20s left". */
export function progressLine(rows: number, done: number, total: number, seconds: number): string {
  const rate = seconds > 0 ? rows / seconds : 0;
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const left = fraction > 0 && fraction < 1 ? `, about ${duration((seconds * (1 - fraction)) / fraction)} left` : "";
  return `importing: ${count(rows)} rows in ${duration(seconds)}, ${count(rate)} rows/s, ${Math.floor(fraction * 100)}%${left}`;
}

export function importProgress({ total, stream = process.stderr, intervalMs = 5000, now = () => performance.now() }: ProgressOptions) {
  const started = now();
  const tty = stream.isTTY === true;
  const every = tty ? TTY_REDRAW_MS : intervalMs;
  let last = started;
  let rows = 0;
  let done = 0;
  let written = "";
  const write = () => {
    const line = progressLine(rows, done, total, (now() - started) / 1000);
    // The last batch may already have printed the final figures.
    if (line === written) return;
    written = line;
    stream.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  return {
    /** Rows handled so far and how far into the source reading has got. */
    update(rowsNow: number, doneNow = done) {
      rows = rowsNow;
      done = doneNow;
      if (now() - last < every) return;
      last = now();
      write();
    },
    /** The last line, with the final figures. */
    stop() {
      done = total;
      write();
      if (tty) stream.write("\n");
    },
  };
}
