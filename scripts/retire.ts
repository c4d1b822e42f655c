// `npm run retire -- --before DATE`: retires every interaction of DATABASE_URL created before
// DATE (UTC), as RETENTION_DAYS does in the server: in batches, each deleting the rows with
// everything derived from them and chaining a `retired` link, so the chain still verifies.
// Prints how many were retired. Exit code 0 done, 2 usage.
import { parseArgs } from "node:util";
import { config } from "@/lib/config";
import { migrateDatabase } from "@/lib/db/migrate-on-start";
import { database } from "@/lib/db";
import { retireBefore } from "@/lib/retention/retire";
import { INSTANT_FORMATS_HINT, parseInstant } from "@/lib/time";

const USAGE = "usage: npm run retire -- --before DATE   (2026-11-25, or 2026-11-25T14:03:07Z: UTC)";

async function main(argv: string[]): Promise<number> {
  let values: { before?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { before: { type: "string" } } }));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const before = values.before === undefined ? null : parseInstant(values.before);
  if (before === null) {
    console.error(values.before === undefined ? "--before is required" : `--before: not a date or time: ${values.before} (${INSTANT_FORMATS_HINT})`);
    console.error(USAGE);
    return 2;
  }
  await migrateDatabase(config().DATABASE_URL);
  const count = await retireBefore(before);
  console.log(`retired ${count} interaction(s) created before ${new Date(before).toISOString()}`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} finally {
  await database().connections.close();
}
