import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";

// Drives scripts/claude-code-hook.mjs as Claude Code does: a child process, the event's JSON
// on stdin, and a transcript file written to Claude Code's documented JSONL shape.

export const HOOK = path.resolve("scripts/claude-code-hook.mjs");

/** The server's token when access control is on (issue 5 provides it), else none. */
export function serverToken(): string {
  return ((inject as unknown as (key: string) => unknown)("token") as string | undefined) ?? "";
}

/** A fake home for one test: its own state dir, config path and project folder. */
export function hookHome(project = `proj-${randomUUID().slice(0, 6)}`) {
  const home = mkdtempSync(path.join(os.tmpdir(), "atocore-hook-"));
  const cwd = path.join(home, "code", project);
  mkdirSync(cwd, { recursive: true });
  const stateDir = path.join(home, "state");
  return { home, cwd, project, stateDir, transcript: path.join(home, "transcript.jsonl") };
}

export type HookHome = ReturnType<typeof hookHome>;
export type HookRun = { code: number | null; stdout: string; stderr: string };

/** This process's environment without any ATOCORE_AUDIT_* setting, plus `extra`. */
export function clientEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ATOCORE_AUDIT_")));
  return { ...base, ...extra } as NodeJS.ProcessEnv;
}

/** Runs the hook as Claude Code does: the event's JSON on stdin, settings in the environment. */
export function runHook(
  h: HookHome,
  url: string,
  payload: unknown,
  env: Record<string, string> = {},
): Promise<HookRun> {
  return runHookCommand(h, [], { ATOCORE_AUDIT_URL: url, ...env }, typeof payload === "string" ? payload : JSON.stringify(payload));
}

export function runHookCommand(h: HookHome, args: string[], env: Record<string, string>, stdin = ""): Promise<HookRun> {
  const hookEnv = clientEnv({
    HOME: h.home,
    XDG_CONFIG_HOME: path.join(h.home, ".config"),
    XDG_STATE_HOME: path.join(h.home, ".local", "state"),
    ATOCORE_AUDIT_TOKEN: serverToken(),
    ATOCORE_AUDIT_STATE_DIR: h.stateDir,
    ...env,
  });
  const child = spawn(process.execPath, [HOOK, ...args], { cwd: h.cwd, env: hookEnv, stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

export const promptPayload = (h: HookHome, sessionId: string, prompt: string) => ({
  session_id: sessionId,
  transcript_path: h.transcript,
  cwd: h.cwd,
  permission_mode: "default",
  hook_event_name: "UserPromptSubmit",
  prompt,
});

export const stopPayload = (h: HookHome, sessionId: string, extra: Record<string, unknown> = {}) => ({
  session_id: sessionId,
  transcript_path: h.transcript,
  cwd: h.cwd,
  permission_mode: "default",
  hook_event_name: "Stop",
  stop_hook_active: false,
  ...extra,
});

type Block =
  | { type: "text"; text: string }
  | { type: "thinking"; thinking: string }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

/** Appends entries as Claude Code writes them: one line per content block, chained by parentUuid. */
export class Transcript {
  private parent: string | null = null;
  constructor(
    private readonly h: HookHome,
    private readonly sessionId: string,
  ) {}

  private write(entry: Record<string, unknown>) {
    const uuid = randomUUID();
    const line = {
      parentUuid: this.parent,
      isSidechain: false,
      userType: "external",
      cwd: this.h.cwd,
      sessionId: this.sessionId,
      version: "2.1.0",
      gitBranch: "main",
      uuid,
      timestamp: new Date().toISOString(),
      ...entry,
    };
    appendFileSync(this.h.transcript, JSON.stringify(line) + "\n");
    if (!entry.isSidechain) this.parent = uuid;
  }

  prompt(text: string) {
    this.write({ type: "user", message: { role: "user", content: text } });
  }

  assistant(blocks: Block[], opts: { sidechain?: boolean } = {}) {
    const id = `msg_${randomUUID().replaceAll("-", "").slice(0, 24)}`;
    for (const block of blocks) {
      this.write({
        type: "assistant",
        requestId: `req_${id}`,
        ...(opts.sidechain ? { isSidechain: true } : {}),
        message: {
          id,
          type: "message",
          role: "assistant",
          model: "claude-sonnet-4-5",
          content: [block],
          stop_reason: block.type === "tool_use" ? "tool_use" : null,
          usage: { input_tokens: 10, output_tokens: 5 },
        },
      });
    }
  }

  toolResult(toolUseId: string, content: string) {
    this.write({
      type: "user",
      message: { role: "user", content: [{ type: "tool_result", tool_use_id: toolUseId, content }] },
      toolUseResult: { stdout: content },
    });
  }

  meta(text: string) {
    this.write({ type: "user", isMeta: true, message: { role: "user", content: text } });
  }
}

function readJsonl<T>(file: string): T[] {
  try {
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as T);
  } catch {
    return []; // no such file yet
  }
}

type SpooledEvent = { op: string; id: string };

/** Events still waiting on disk (the spool, then incoming files in delivery order). */
export function spooled(h: HookHome): SpooledEvent[] {
  const incoming = path.join(h.stateDir, "incoming");
  let names: string[] = [];
  try {
    names = readdirSync(incoming).filter((n) => n.endsWith(".jsonl") && !n.startsWith(".")).sort();
  } catch {
    // no state yet
  }
  return [path.join(h.stateDir, "spool.jsonl"), ...names.map((n) => path.join(incoming, n))].flatMap((f) =>
    readJsonl<SpooledEvent>(f),
  );
}

/** What the hook set aside because the server refused it for good. */
export function rejectedEvents(h: HookHome) {
  return readJsonl<{ reason: { status?: number }; event: SpooledEvent }>(path.join(h.stateDir, "rejected.jsonl"));
}
