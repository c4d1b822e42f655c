import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../helpers/server";

// A server whose log reader has gone (a closed pipe: a supervisor or `npm start | tee` that
// died, a killed test runner) drops the lines it cannot write and goes on serving. Before, the
// first warn line's EPIPE was reported on stderr, failed there again, and so on: the server
// spun at full CPU for as long as it ran.

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** The CPU time the server's process has used so far, in clock ticks (Linux). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime, stime
}

describe.runIf(process.platform === "linux")("a server whose log output is closed", () => {
  it("drops the lines it cannot write, stays idle and keeps capturing", async () => {
    server.closeOutput();
    // A Stop event with no prompt before it is answered 204 and logged as a warn line.
    const hook = await server.fetch("/api/integrations/claude-code", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ hook_event_name: "Stop", session_id: `no-prompt-${Date.now()}`, last_assistant_message: "an answer" }),
    });
    expect(hook.status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = cpuTicks(server.pid);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // Idle: well under a second of CPU in those 2 s (it was all of them).
    expect(cpuTicks(server.pid) - before).toBeLessThan(50);
    const capture = await server.fetch("/api/interactions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ prompt: "logged nowhere" }),
    });
    expect(capture.status).toBe(201);
  }, 60_000);
});
