import { config } from "@/lib/config";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

// Once whatever reads our output has gone (a closed pipe), a line that cannot be written is
// dropped. Unhandled, the write's EPIPE would be reported on stderr, fail there again, and so
// on for ever: a server whose log reader died spun at full CPU. Once per process, though the
// bundles load this module several times.
const guarded = globalThis as { atocoreLogStreamsGuarded?: boolean };
if (!guarded.atocoreLogStreamsGuarded && typeof process.stderr?.on === "function") {
  guarded.atocoreLogStreamsGuarded = true;
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
}

// One JSON line per event. Callers pass ids and sizes, never prompt or response text.
function write(level: Level, event: string, fields: Record<string, unknown>) {
  if (LEVELS[level] < LEVELS[config().LOG_LEVEL]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === "error" || level === "warn") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}

export const log = {
  debug: (event: string, fields: Record<string, unknown> = {}) => write("debug", event, fields),
  info: (event: string, fields: Record<string, unknown> = {}) => write("info", event, fields),
  warn: (event: string, fields: Record<string, unknown> = {}) => write("warn", event, fields),
  error: (event: string, fields: Record<string, unknown> = {}) => write("error", event, fields),
};
