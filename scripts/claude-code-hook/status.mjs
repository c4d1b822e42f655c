// `node scripts/claude-code-hook.mjs status`: what the hook would use and whether captures
// arrive. For people, so it prints to stdout (hook mode never does).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { loadConfig } from "./config.mjs";
import { requestJson } from "./http-json.mjs";
import { statePaths } from "./state.mjs";

function countLines(file) {
  try {
    return readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).length;
  } catch {
    return 0;
  }
}

function queued(p) {
  let n = countLines(p.spool);
  if (existsSync(p.incoming)) {
    for (const name of readdirSync(p.incoming)) if (name.endsWith(".jsonl") && !name.startsWith(".")) n += countLines(`${p.incoming}/${name}`);
  }
  return n;
}

async function get(cfg, path) {
  try {
    return await requestJson(cfg, "GET", path, undefined, 3000);
  } catch (err) {
    return { status: 0, error: err?.code ?? String(err) };
  }
}

export async function printStatus() {
  const cfg = loadConfig();
  const p = statePaths(cfg.stateDir);
  const lines = [
    `config file : ${cfg.file}${existsSync(cfg.file) ? "" : " (none)"}${cfg.problem ? `  PROBLEM: ${cfg.problem}` : ""}`,
    `server      : ${cfg.url}`,
    `token       : ${cfg.token ? "set" : "not set"}`,
    `project     : ${cfg.project || "(name of the working directory)"}`,
    `state dir   : ${cfg.stateDir}`,
    `waiting     : ${queued(p)} event(s) in the spool`,
    `rejected    : ${countLines(p.rejected)} event(s) in ${p.rejected}`,
  ];
  const health = await get(cfg, "/api/health");
  lines.push(`health      : ${health.status ? `HTTP ${health.status}` : `unreachable (${health.error})`}`);
  if (health.status === 200) {
    const latest = await get(cfg, "/api/interactions?client=claude-code&limit=1");
    const last = latest.json?.interactions?.[0];
    lines.push(
      latest.status !== 200
        ? `last capture: cannot list (HTTP ${latest.status}${latest.json?.error ? `: ${latest.json.error.message}` : ""})`
        : last
          ? `last capture: ${last.created_at}  session ${last.session_id}  project ${last.project}  ${last.response ? "answered" : "no answer yet"}`
          : "last capture: none from claude-code yet",
    );
  }
  process.stdout.write(lines.join("\n") + "\n");
}
