// Decides whether the production build in .next matches the sources, so `npm start` and the
// test runs build only when something changed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "instrumentation.ts",
  "proxy.ts",
  // The HTTP hook route imports it from the hook script's folder.
  "scripts/claude-code-hook/turn.mjs",
  "next.config.mjs",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const SKIP = new Set(["generated", "node_modules", ".next"]);
const STAMP = path.join(".next", "atocore-source-hash");

function* files(p) {
  if (!existsSync(p)) return;
  if (statSync(p).isFile()) {
    yield p;
    return;
  }
  for (const name of readdirSync(p).sort()) if (!SKIP.has(name)) yield* files(path.join(p, name));
}

export function sourceHash() {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(input)) hash.update(file).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

export function buildIsCurrent() {
  return existsSync(path.join(".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === sourceHash();
}

/** Builds (prisma generate + next build) unless forced or the current build already matches. */
export function ensureBuild({ quiet = false, force = false } = {}) {
  if (!force && buildIsCurrent()) return;
  if (!quiet) console.log("[atocore-audit] building (sources changed or no build yet) ...");
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const args of [["scripts/prisma-generate.mjs"], ["node_modules/next/dist/bin/next", "build"]]) {
    const r = spawnSync(process.execPath, args, { stdio: quiet ? "pipe" : "inherit", env });
    if (r.status !== 0) {
      if (quiet) process.stderr.write(r.stdout + r.stderr);
      throw new Error(`build step failed: ${args.join(" ")}`);
    }
  }
  writeFileSync(STAMP, sourceHash());
}
