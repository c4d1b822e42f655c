import { spawn } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";
import { baseUrl } from "../helpers/api";
import { clientEnv, serverToken } from "../helpers/claude-code";

// The Python client's own tests (clients/python/test_atocore_audit.py, unittest, standard
// library only) run with python3 against this suite's real server.
it("passes the Python client's tests against the real server", async () => {
  const env = clientEnv({ ATOCORE_AUDIT_URL: baseUrl(), ATOCORE_AUDIT_TOKEN: serverToken(), PYTHONDONTWRITEBYTECODE: "1" });
  const child = spawn("python3", ["-m", "unittest", "-v", "test_atocore_audit"], {
    cwd: path.resolve("clients/python"),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", (err) => reject(new Error(`python3 is needed for these tests (apt-get install -y python3): ${err.message}`)));
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`python3 -m unittest failed (exit ${code}):\n${output}`);
  expect(output).toMatch(/^OK$/m);
  expect(output).not.toMatch(/skipped/);
}, 120_000);
