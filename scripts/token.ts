// `npm run token -- create --name claude-code --scope capture` | `list` | `revoke <id or name>`
// Manages API tokens in DATABASE_URL, SQLite or PostgreSQL (migrating it first, so it works
// on a fresh database).
import { parseArgs } from "node:util";
import { createToken } from "@/lib/auth/create-token";
import { listTokens } from "@/lib/auth/list-tokens";
import { revokeToken } from "@/lib/auth/revoke-token";
import { parseScopes } from "@/lib/auth/scopes";
import { config } from "@/lib/config";
import { database } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate-on-start";

const USAGE = `usage:
  npm run token -- create --name <name> --scope <capture|read|admin>[,...]   (--scope may repeat)
  npm run token -- list
  npm run token -- revoke <id or name>`;

const iso = (ms: number | null) => (ms === null ? "-" : new Date(ms).toISOString());

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: "string" }, scope: { type: "string", multiple: true } },
  });
  const [command, target] = positionals;
  await migrateDatabase(config().DATABASE_URL);
  switch (command) {
    case "create": {
      if (!values.name || !values.scope) break;
      const t = await createToken({ name: values.name, scopes: parseScopes(values.scope.join(",")) });
      console.log(`Created token "${t.name}" (id ${t.id}, scopes ${t.scopes.join(",")}).`);
      console.log("Copy it now; it is not stored and cannot be shown again:\n");
      console.log(t.token);
      return 0;
    }
    case "list": {
      const rows = await listTokens();
      if (rows.length === 0) console.log("No tokens.");
      for (const r of rows) {
        console.log(
          [r.id, r.name, r.scopes, `created ${iso(r.created_at)}`, `last used ${iso(r.last_used_at)}`, r.revoked_at === null ? "active" : `revoked ${iso(r.revoked_at)}`].join("\t"),
        );
      }
      return 0;
    }
    case "revoke": {
      if (!target) break;
      const n = await revokeToken(target);
      console.log(n ? `Revoked ${n} token(s).` : `No active token with id or name "${target}".`);
      return n ? 0 : 1;
    }
  }
  console.error(USAGE);
  return 2;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  console.error(USAGE);
  process.exitCode = 2;
} finally {
  await database().connections.close();
}
