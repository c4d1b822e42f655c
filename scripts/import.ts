// `npm run import -- FILE.jsonl` or `npm run import -- --atocore PATH/TO/atocore.db`:
// loads interactions into the database named by DATABASE_URL (the server may be running).
// Exit status: 0 when every record was imported or already present, 2 when some were
// rejected, 1 when the import could not run.
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { config } from "@/lib/config";
import { database } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate-on-start";
import { importProgress } from "@/lib/import/import-progress";
import { importRecords, type ImportReport } from "@/lib/import/import-records";
import { openAtoCore } from "@/lib/import/read-atocore";
import { readJsonl } from "@/lib/import/read-jsonl";

const USAGE = `Usage:
  npm run import -- FILE.jsonl                 the export format, or one capture body per line
  npm run import -- --atocore PATH/atocore.db  an AtoCore database's interactions table
Options: --json  print the report as JSON.
  --progress-interval SECONDS  when stderr is not a terminal, a progress line this often (default 5).
The target is DATABASE_URL, SQLite or PostgreSQL (default ./data/atocore-audit.db).`;

async function run(file: string, atocore: boolean, intervalMs: number): Promise<ImportReport> {
  if (!atocore) {
    const progress = importProgress({ total: statSync(file).size, intervalMs });
    let bytes = 0;
    const report = await importRecords(
      readJsonl(file, (b) => (bytes = b)),
      (rows) => progress.update(rows, bytes),
    );
    progress.stop();
    return report;
  }
  const source = openAtoCore(file);
  try {
    const progress = importProgress({ total: source.count, intervalMs });
    const report = await importRecords(source.records(), (rows) => progress.update(rows, rows));
    progress.stop();
    return report;
  } finally {
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
    options: {
      atocore: { type: "string" },
      json: { type: "boolean" },
      "progress-interval": { type: "string", default: "5" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
  const file = values.atocore ?? positionals[0];
  if (values.help || !file || positionals.length > (values.atocore ? 0 : 1)) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 1);
  }
  const interval = Number(values["progress-interval"]);
  if (!(interval > 0)) {
    console.error(`--progress-interval must be a number of seconds above 0 (got ${values["progress-interval"]})`);
    process.exit(1);
  }
  await migrateDatabase(config().DATABASE_URL);
  const report = await run(file, values.atocore !== undefined, interval * 1000);
  await database().connections.close();
  if (values.json) console.log(JSON.stringify(report));
  else printReport(report, values.atocore !== undefined);
  process.exitCode = report.rejected.length > 0 ? 2 : 0;
}

main().catch((err: unknown) => {
  console.error(`import failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
