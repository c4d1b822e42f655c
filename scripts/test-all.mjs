// `npm test`: every check the project has, in order, stopping at the first failure:
// typecheck, lint, unit tests, a production build, API tests over HTTP, a short crash test
// (`npm run test:crash` runs the full 20 rounds), browser tests.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { ensureBuild } from "./build-state.mjs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const steps = [
  ["typecheck", ["node_modules/typescript/bin/tsc", "--noEmit"]],
  ["lint", ["node_modules/eslint/bin/eslint.js", ".", "--max-warnings", "0"]],
  ["unit", ["node_modules/vitest/vitest.mjs", "run", "--project", "unit"]],
  ["build", null],
  ["api", ["node_modules/vitest/vitest.mjs", "run", "--project", "api"]],
  ["crash", ["node_modules/tsx/dist/cli.mjs", "scripts/crash-test.ts", "--rounds", "3"]],
  ["e2e", ["node_modules/@playwright/test/cli.js", "test"]],
];

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let passed = 0;
for (const [name, args] of steps) {
  console.log(`\n=== ${name} ===`);
  if (name === "e2e" && !existsSync(chromium)) {
    console.error(
      `The browser tests need Chromium at ${chromium}, which npm cannot install.\n` +
        `Install Debian's package with: apt-get update && apt-get install -y chromium\n` +
        `(or point CHROMIUM_PATH at another Chromium binary), then run npm test again.`,
    );
    process.exit(1);
  }
  if (args === null) {
    ensureBuild();
  } else {
    const r = spawnSync(process.execPath, args, { stdio: "inherit", env });
    if (r.status !== 0) {
      console.error(`\nnpm test: step '${name}' failed (${passed} of ${steps.length} steps passed).`);
      process.exit(r.status ?? 1);
    }
  }
  passed++;
}
console.log(`\nnpm test: all ${steps.length} steps passed.`);
