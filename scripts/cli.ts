// `npm run cli -- <command>`: record, list, get and follow interactions from a shell,
// through the typed client (lib/client). Server and token: --url / --token, or the
// ATOCORE_AUDIT_URL / ATOCORE_AUDIT_TOKEN environment variables.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { AuditApiError, AuditClient, isRetryable, type Interaction, type ListFilters } from "@/lib/client";

const USAGE = `Usage: npm run cli -- <command> [options]
  record --prompt TEXT|- [--response TEXT] [--response-summary TEXT] [--project P] [--client C]
         [--session-id S] [--memory ID]... [--chunk ID]... [--context-pack JSON] [--id UUID]
  list   [filters] [--limit N (default 50, 0 = all)] [--json]
  get    ID
  tail   [filters] [--lines N (default 10)] [--interval MS (default 2000)] [--json]
filters: --project P --client C --session-id S --since TIME --until TIME
common:  --url URL (or ATOCORE_AUDIT_URL, default http://localhost:3000)
         --token TOKEN (or ATOCORE_AUDIT_TOKEN)`;

type Options = NonNullable<ParseArgsConfig["options"]>;
const str = { type: "string" } as const;
const COMMON: Options = { url: str, token: str, help: { type: "boolean", short: "h" } };
const FILTERS: Options = { project: str, client: str, "session-id": str, since: str, until: str, json: { type: "boolean" } };
const OPTIONS: Record<string, Options> = {
  record: {
    prompt: str,
    response: str,
    "response-summary": str,
    project: str,
    client: str,
    "session-id": str,
    memory: { type: "string", multiple: true },
    chunk: { type: "string", multiple: true },
    "context-pack": str,
    id: str,
  },
  list: { ...FILTERS, limit: str },
  get: {},
  tail: { ...FILTERS, lines: str, interval: str },
};

class UsageError extends Error {}

type Values = Record<string, string | boolean | string[] | undefined>;
const text = (v: Values, k: string) => v[k] as string | undefined;

function wholeNumber(v: Values, k: string, fallback: number): number {
  const raw = text(v, k);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${k} must be a whole number`);
  return Number(raw);
}

function filters(v: Values): ListFilters {
  return { project: text(v, "project"), client: text(v, "client"), session_id: text(v, "session-id"), since: text(v, "since"), until: text(v, "until") };
}

// One trailing newline is the shell's (echo, heredocs), not the prompt's, as with $(...).
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

function printOne(i: Interaction, json: boolean) {
  if (json) return console.log(JSON.stringify(i));
  const firstLine = i.prompt.split("\n", 1)[0].slice(0, 100);
  console.log([i.created_at, i.id, i.project || "-", i.client || "-", i.session_id || "-", firstLine].join("  "));
}

async function record(c: AuditClient, v: Values) {
  let prompt = text(v, "prompt");
  if (prompt === undefined) throw new UsageError("record needs --prompt (use --prompt - to read it from stdin)");
  if (prompt === "-") prompt = await readStdin();
  let contextPack: Record<string, unknown> | undefined;
  if (v["context-pack"] !== undefined) {
    try {
      contextPack = JSON.parse(text(v, "context-pack")!);
    } catch {
      throw new UsageError("--context-pack must be JSON");
    }
  }
  const stored = await c.record({
    id: text(v, "id"),
    prompt,
    response: text(v, "response"),
    response_summary: text(v, "response-summary"),
    project: text(v, "project"),
    client: text(v, "client"),
    session_id: text(v, "session-id"),
    memories_used: v.memory as string[] | undefined,
    chunks_used: v.chunk as string[] | undefined,
    context_pack: contextPack,
  });
  console.log(JSON.stringify(stored, null, 2));
}

async function list(c: AuditClient, v: Values) {
  const limit = wholeNumber(v, "limit", 50);
  let n = 0;
  for await (const i of c.list(filters(v), { pageSize: limit > 0 ? Math.min(limit, 500) : 500 })) {
    printOne(i, v.json === true);
    if (++n === limit) break;
  }
}

/** Prints the newest few, then polls for captures newer than the newest seen (Ctrl-C stops). */
async function tail(c: AuditClient, v: Values) {
  const f = filters(v);
  const interval = wholeNumber(v, "interval", 2000);
  const lines = wholeNumber(v, "lines", 10);
  // At least one row is read, even with --lines 0, to know where "new" starts.
  const first = await c.page({ ...f, limit: Math.max(lines, 1) });
  let shown: Interaction[] = first.interactions.reverse();
  for (const i of shown.slice(shown.length - lines)) printOne(i, v.json === true);
  for (;;) {
    await new Promise((r) => setTimeout(r, interval));
    // `since` is inclusive, so the newest instant already shown is asked for again and the
    // ids seen at it are skipped: nothing captured in the same millisecond is lost.
    const newest = shown.at(-1)?.created_at;
    const seen = new Set(shown.filter((i) => i.created_at === newest).map((i) => i.id));
    const fresh: Interaction[] = [];
    try {
      for await (const i of c.list({ ...f, since: newest ?? f.since })) {
        if (!seen.has(i.id)) fresh.push(i);
      }
    } catch (err) {
      // A server restart should not end a long tail: say so and poll again.
      if (!isRetryable(err)) throw err;
      console.error(`tail: ${(err as Error).message}; retrying`);
      continue;
    }
    if (fresh.length === 0) continue;
    shown = fresh.reverse();
    for (const i of shown) printOne(i, v.json === true);
  }
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === "--help" || command === "-h" || !(command in OPTIONS)) {
    console.error(USAGE);
    process.exit(command && command !== "--help" && command !== "-h" ? 1 : 0);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...COMMON, ...OPTIONS[command] }, allowPositionals: command === "get" });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values as Values;
  if (v.help) return console.log(USAGE);
  const client = new AuditClient({
    url: text(v, "url") ?? process.env.ATOCORE_AUDIT_URL ?? "http://localhost:3000",
    token: text(v, "token") ?? process.env.ATOCORE_AUDIT_TOKEN,
  });
  if (command === "record") return record(client, v);
  if (command === "list") return list(client, v);
  if (command === "tail") return tail(client, v);
  if (parsed.positionals.length !== 1) throw new UsageError("get needs one ID");
  console.log(JSON.stringify(await client.get(parsed.positionals[0]), null, 2));
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) console.error(`${err.message}\n\n${USAGE}`);
  else if (err instanceof AuditApiError) {
    console.error(`error ${err.status} ${err.code}: ${err.message}`);
    for (const i of err.issues ?? []) console.error(`  ${i.path.join(".") || "(body)"}: ${i.message}`);
  } else console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
