// `npm run import -- FILE.jsonl` or `npm run import -- --atocore PATH/TO/atocore.db`:
// loads interactions into the database named by DATABASE_URL (the server may be running).
// Exit status: 0 when every record was imported or already present, 2 when some were
// rejected, 1 when the import could not run.
import { SingleBar } from "cli-progress";
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { config } from "@/lib/config";
import { migrateDatabase } from "@/lib/db/migrate-on-start";
import { closePgPool } from "@/lib/db/postgres";
import { closeSqlite } from "@/lib/db/sqlite";
import { importRecords, type ImportReport } from "@/lib/import/import-records";
import { openAtoCore } from "@/lib/import/read-atocore";
import { readJsonl } from "@/lib/import/read-jsonl";

const USAGE = `Usage:
  npm run import -- FILE.jsonl                 the export format, or one capture body per line
  npm run import -- --atocore PATH/atocore.db  an AtoCore database's interactions table
Options: --json  print the report as JSON.  The target is DATABASE_URL, SQLite or PostgreSQL
(default ./data/atocore-audit.db).`;

/** A progress bar on stderr when a person is watching; nothing at all otherwise. */
function progress(total: number, unit: "bytes" | "rows") {
  if (!process.stderr.isTTY) return { update: (_n: number) => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `importing [{bar}] {percentage}% of ${unit} | {duration_formatted}`,
  });
  bar.start(total, 0);
  return { update: (n: number) => bar.update(n), stop: () => bar.stop() };
}

async function run(file: string, atocore: boolean): Promise<ImportReport> {
  if (!atocore) {
    const bar = progress(statSync(file).size, "bytes");
    try {
      return await importRecords(readJsonl(file, bar.update));
    } finally {
      bar.stop();
    }
  }
  const source = openAtoCore(file);
  const bar = progress(source.count, "rows");
  try {
    return await importRecords(source.records(), bar.update);
  } finally {
    bar.stop();
    source.close();
  }
}

function printReport(report: ImportReport, atocore: boolean) {
  const where = atocore ? "row" : "line";
  console.log(`imported: ${report.imported}`);
  console.log(`already present: ${report.already_present}`);
  console.log(`rejected: ${report.rejected.length}`);
  for (const r of report.rejected) console.log(`  ${where} ${r.line}: ${r.reason}`);
}

async function main() {
  const { values, positionals } = parseArgs({
    options: { atocore: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  const file = values.atocore ?? positionals[0];
  if (values.help || !file || positionals.length > (values.atocore ? 0 : 1)) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  await migrateDatabase(config().DATABASE_URL);
  const report = await run(file, values.atocore !== undefined);
  closeSqlite();
  await closePgPool();
  if (values.json) console.log(JSON.stringify(report));
  else printReport(report, values.atocore !== undefined);
  process.exitCode = report.rejected.length > 0 ? 2 : 0;
}

main().catch((err: unknown) => {
  console.error(`import failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
