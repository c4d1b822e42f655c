import path from "node:path";
// @ts-expect-error plain .mjs module without types
import { ensureBuild } from "../scripts/build-state.mjs";
import { cleanups, DB, elapsed, notes, P, r2, RESULT_NAME, rows, runPeakRss, step } from "./context";
import { queriesAt } from "./queries";
import { machine, printTable, writeResults } from "./report";
import { writePath } from "./write-path";

// `npm run bench [-- --quick] [-- --db postgres]`: every figure of issue 6 in one run, on
// SQLite or on a throwaway PostgreSQL database (issue 9, with a two-server row), each
// comparison made against a reference measured in the same run (the machine is shared: ratios
// hold, absolute numbers drift). Prints a table against the goals and writes
// bench/results/<name>.{json,md} (quick, full, postgres-quick, postgres-full).

async function main() {
  const started = new Date();
  const m = machine();
  step(`mode ${P.mode} on ${DB}; ${m.cpu}; load average ${m.load_average_at_start.join(" ")}`);
  step("production build (rebuilt only when sources changed)");
  ensureBuild({ quiet: true });
  await writePath();
  notes.push(
    DB === "sqlite"
      ? `Seeds write straight into the database with the triggers on (the FTS5 index and session summaries stay consistent); they bypass the audit chain, so a verify would report the seeded rows as unchained.`
      : `Seeds write straight into the database; the search and session-summary tables are filled set-based with what the triggers would store (bench/seed-pg.ts); they bypass the audit chain, so a verify would report the seeded rows as unchained.`,
  );
  const small = await queriesAt(P.small);
  const big = await queriesAt(P.big);
  for (const name of Object.keys(small.p95)) {
    const ratio = big.p95[name] / small.p95[name];
    rows.push({ section: "growth", figure: `${name}: p95 at ${P.big.toLocaleString("en")} / at ${P.small.toLocaleString("en")}`, value: r2(ratio), unit: "x", goal: "<= 2x", pass: ratio <= 2 });
  }
  const peak = runPeakRss();
  rows.push({ section: "memory", figure: "server peak RSS (process group), whole run", value: Math.round(peak / 2 ** 20), unit: "MB", goal: "<= 300 MB", pass: peak <= 300 * 2 ** 20 });
  console.log("");
  printTable(rows);
  const machineInfo = { ...m, database: DB };
  const dir = writeResults(RESULT_NAME, { mode: `${P.mode}, ${DB}`, started: started.toISOString(), seconds: elapsed(), machine: machineInfo, rows, plans: big.plans, notes });
  console.log(`\n${P.mode} run on ${DB} took ${elapsed().toFixed(0)} s; results in ${path.relative(process.cwd(), dir)}/${RESULT_NAME}.{json,md}`);
}

try {
  await main();
} finally {
  for (const c of cleanups.reverse()) await c();
}
