// `npm test`: every check the project has, in order, stopping at the first failure:
// typecheck, lint, unit tests, a production build, then the SQLite pass (API tests over HTTP,
// a short crash test, browser tests) and the unit tests and those three on PostgreSQL (TEST_DATABASE=postgres;
// `npm run test:crash` runs the full 20 rounds). What npm cannot install (Chromium, PostgreSQL,
// python3) comes first (scripts/preflight.mjs: installed as root with apt-get, else instructions),
// then the cluster is checked from the tests' side, so a run never fails late for it.
import { spawnSync } from "node:child_process";
import { ensureBuild } from "./build-state.mjs";

const vitest = "node_modules/vitest/vitest.mjs";
const tsx = "node_modules/tsx/dist/cli.mjs";
const playwright = "node_modules/@playwright/test/cli.js";
const onSqlite = { TEST_DATABASE: "sqlite" };
const onPostgres = { TEST_DATABASE: "postgres" };
const steps = [
  ["preflight", ["scripts/preflight.mjs"]],
  ["postgres", [tsx, "scripts/check-postgres.ts"]],
  ["typecheck", ["node_modules/typescript/bin/tsc", "--noEmit"]],
  ["lint", ["node_modules/eslint/bin/eslint.js", ".", "--max-warnings", "0"]],
  ["unit (SQLite)", [vitest, "run", "--project", "unit"], onSqlite],
  ["build", null],
  ["api (SQLite)", [vitest, "run", "--project", "api"], onSqlite],
  ["crash (SQLite)", [tsx, "scripts/crash-test.ts", "--rounds", "3", "--db", "sqlite"], onSqlite],
  ["e2e (SQLite)", [playwright, "test"], onSqlite],
  // Unit tests with PostgreSQL parts (guarded by TEST_DATABASE=postgres) run those here.
  ["unit (PostgreSQL)", [vitest, "run", "--project", "unit"], onPostgres],
  ["api (PostgreSQL)", [vitest, "run", "--project", "api"], onPostgres],
  ["crash (PostgreSQL)", [tsx, "scripts/crash-test.ts", "--rounds", "3", "--db", "postgres"], onPostgres],
  ["e2e (PostgreSQL)", [playwright, "test"], onPostgres],
];

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const started = Date.now();
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;
let passed = 0;
for (const [name, args, stepEnv] of steps) {
  console.log(`\n=== ${name} ===`);
  const stepStarted = Date.now();
  if (args === null) {
    ensureBuild();
  } else {
    const r = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...env, ...stepEnv } });
    if (r.status !== 0) {
      console.error(`\nnpm test: step '${name}' failed (${passed} of ${steps.length} steps passed).`);
      process.exit(r.status ?? 1);
    }
  }
  console.log(`=== ${name}: passed in ${seconds(stepStarted)} ===`);
  passed++;
}
console.log(`\nnpm test: all ${steps.length} steps passed in ${seconds(started)}.`);
