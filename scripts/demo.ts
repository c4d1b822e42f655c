// `npm run demo`: fills the database named by DATABASE_URL (default ./data/atocore-audit.db) with
// a few thousand generated turns of realistic shape in project `demo`, so that a newcomer sees
// the viewer at work at once. The turns are the same on every run (same ids, same content), so
// running it again adds nothing: the import reports them as already present.
import { config } from "@/lib/config";
import { database } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate-on-start";
import { DEMO_PROJECT, demoTurns } from "@/lib/demo/demo-turns";
import { importProgress } from "@/lib/import/import-progress";
import { importRecords } from "@/lib/import/import-records";

async function main() {
  await migrateDatabase(config().DATABASE_URL);
  const { landmarks, rows, turns } = demoTurns();
  const progress = importProgress({ total: rows });
  let line = 0;
  const records = (function* () {
    for (const value of turns()) yield { line: ++line, value, bytes: Buffer.byteLength(JSON.stringify(value)) };
  })();
  const report = await importRecords(records, (n) => progress.update(n, n));
  progress.stop();
  await database().connections.close();
  const count = (n: number) => n.toLocaleString("en");
  console.log(`demo: ${count(report.imported)} turns added, ${count(report.already_present)} already present, in project ${DEMO_PROJECT}`);
  for (const r of report.rejected) console.log(`  turn ${r.line} refused: ${r.reason}`);
  const see: [string, string | null][] = [
    ["the list", `/interactions?project=${DEMO_PROJECT}`],
    [`a session of ${count(landmarks.longSessionTurns)} turns`, `/sessions/${landmarks.longSession}`],
    ["a turn with a 3 MB pack", landmarks.bigPackId && `/interactions/${landmarks.bigPackId}`],
  ];
  for (const [what, where] of see) if (where) console.log(`  ${`${what}:`.padEnd(28)} ${where}`);
  process.exitCode = report.rejected.length > 0 ? 2 : 0;
}

main().catch((err: unknown) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
