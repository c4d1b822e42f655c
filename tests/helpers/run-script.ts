import { spawn, type ChildProcess } from "node:child_process";

export type ScriptResult = { code: number | null; stdout: string; stderr: string };

const TSX = "node_modules/tsx/dist/cli.mjs";

/** Runs one of our TypeScript scripts (scripts/*.ts) to completion. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}, stdin?: string): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, script, ...args], {
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

/** Starts a long-running script (such as `cli tail`); the caller must stop() it. */
export function startScript(script: string, args: string[], env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(process.execPath, [TSX, script, ...args], {
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stdout += d));
  return {
    output: () => stdout,
    /** Resolves once the output satisfies the predicate, or rejects after timeoutMs. */
    waitFor: async (ok: (out: string) => boolean, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!ok(stdout)) {
        if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${stdout}`);
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}:\n${stdout}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
