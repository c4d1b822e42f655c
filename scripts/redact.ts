// `npm run redact -- --id ID --pointer P --reason R`: redacts one field ("/prompt", "/response",
// "/response_summary") or pack subtree ("/context_pack/...") of an interaction in DATABASE_URL,
// as POST /api/interactions/{id}/redactions does, and prints the record (JSON). The author is
// "cli:<user>" unless --author says otherwise. Exit code 0 redacted, 1 refused, 2 usage.
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { config } from "@/lib/config";
import { migrateDatabase } from "@/lib/db/migrate-on-start";
import { database } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { redactInteraction } from "@/lib/redactions/redact";
import { RedactionBodySchema } from "@/lib/redactions/schema";

const USAGE = "usage: npm run redact -- --id ID --pointer /prompt|/response|/response_summary|/context_pack/... --reason TEXT [--author NAME]";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { id: { type: "string" }, pointer: { type: "string" }, reason: { type: "string" }, author: { type: "string" } } });
  const body = RedactionBodySchema.safeParse({ pointer: values.pointer, reason: values.reason });
  if (!values.id || !body.success) {
    if (!body.success) for (const i of body.error.issues) console.error(`${i.path.join(".")}: ${i.message}`);
    console.error(USAGE);
    return 2;
  }
  await migrateDatabase(config().DATABASE_URL);
  try {
    const record = await redactInteraction(values.id, body.data, values.author ?? `cli:${userInfo().username}`);
    console.log(JSON.stringify(record, null, 2));
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(`redact refused (${err.code}): ${err.message}`);
    return 1;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} finally {
  await database().connections.close();
}
