// Where the hook sends captures and keeps its local state: the environment first, then a small
// JSON config file, then defaults. Standard library only: this runs on the user's machine.
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const DEFAULT_URL = "http://localhost:3000";

function expandHome(p) {
  return p === "~" || p.startsWith("~/") ? path.join(os.homedir(), p.slice(1)) : p;
}

/** The config file's path: ATOCORE_AUDIT_CONFIG, else $XDG_CONFIG_HOME or ~/.config, /atocore-audit/config.json. */
export function configPath(env = process.env) {
  if (env.ATOCORE_AUDIT_CONFIG) return expandHome(env.ATOCORE_AUDIT_CONFIG);
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), ".config"), "atocore-audit", "config.json");
}

function readConfigFile(file) {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return { values: parsed, problem: null };
    return { values: {}, problem: `${file} is not a JSON object` };
  } catch (err) {
    if (err.code === "ENOENT") return { values: {}, problem: null };
    return { values: {}, problem: `${file}: ${err.message}` };
  }
}

/**
 * Reads the configuration. Keys of the file: url, token, project, state_dir. Environment:
 * ATOCORE_AUDIT_URL, ATOCORE_AUDIT_TOKEN, ATOCORE_AUDIT_PROJECT, ATOCORE_AUDIT_STATE_DIR.
 * A broken file is reported in `problem` and ignored, never fatal.
 */
export function loadConfig(env = process.env) {
  const file = configPath(env);
  const { values, problem } = readConfigFile(file);
  const pick = (envName, key) => {
    if (typeof env[envName] === "string" && env[envName] !== "") return env[envName];
    return typeof values[key] === "string" ? values[key] : "";
  };
  const stateBase = env.XDG_STATE_HOME || path.join(os.homedir(), ".local", "state");
  return {
    url: (pick("ATOCORE_AUDIT_URL", "url") || DEFAULT_URL).replace(/\/+$/, ""),
    token: pick("ATOCORE_AUDIT_TOKEN", "token"),
    project: pick("ATOCORE_AUDIT_PROJECT", "project"),
    stateDir: expandHome(pick("ATOCORE_AUDIT_STATE_DIR", "state_dir") || path.join(stateBase, "atocore-audit")),
    file,
    problem,
  };
}
