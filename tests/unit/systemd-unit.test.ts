import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// deploy/atocore-audit.service: what it must say, and systemd's own check of it. That check
// needs systemd-analyze (Debian: apt-get install systemd); without it the check is skipped,
// saying so, and the directives are still read here.
const UNIT = "deploy/atocore-audit.service";
const hasAnalyze = spawnSync("systemd-analyze", ["--version"], { encoding: "utf8" }).status === 0;

function directives(text: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) found.set(m[1], [...(found.get(m[1]) ?? []), m[2]]);
  }
  return found;
}

describe("the systemd unit", () => {
  const unit = directives(readFileSync(UNIT, "utf8"));

  it("restarts the server when it dies, as a dedicated user, with the environment file", () => {
    expect(unit.get("Restart")).toEqual(["on-failure"]);
    expect(unit.get("User")).toEqual(["atocore-audit"]);
    expect(unit.get("EnvironmentFile")).toEqual(["/etc/atocore-audit/atocore-audit.env"]);
    expect(unit.get("ExecStart")?.[0]).toMatch(/node scripts\/start\.mjs$/);
  });

  it("cannot gain privileges and writes only its data directory", () => {
    expect(unit.get("NoNewPrivileges")).toEqual(["yes"]);
    expect(unit.get("ProtectSystem")).toEqual(["strict"]);
    expect(unit.get("StateDirectory")).toEqual(["atocore-audit"]);
    expect(unit.get("ReadWritePaths")).toContain("/var/lib/atocore-audit");
  });

  const verifyTitle = hasAnalyze
    ? "passes systemd-analyze verify without a warning"
    : "passes systemd-analyze verify: SKIPPED, systemd-analyze is not installed here (Debian: apt-get install systemd)";
  it.skipIf(!hasAnalyze)(verifyTitle, () => {
    const r = spawnSync("systemd-analyze", ["verify", UNIT], { encoding: "utf8" });
    // verify exits 0 on an unknown key or a bad value, warning on stderr: any line naming the unit fails.
    const warnings = `${r.stdout}${r.stderr}`.split("\n").filter((l) => l.includes("atocore-audit.service"));
    expect({ status: r.status, warnings }).toEqual({ status: 0, warnings: [] });
  });
});
