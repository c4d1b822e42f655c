// `npm test` runs every suite on PostgreSQL too. This checks, before anything runs, that the
// tests can reach a PostgreSQL cluster and create databases on it, and otherwise says exactly
// what is missing and how to set it up. Exit 0 when ready, 1 with instructions when not.
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { postgresAdminUrl } from "../tests/helpers/test-database";

const url = postgresAdminUrl();
const user = os.userInfo().username;
const custom = process.env.TEST_POSTGRES_URL !== undefined;
const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)) : [];
const version = versions[0] ?? "<version>";
const asPostgres = process.getuid?.() === 0 ? "runuser -u postgres --" : "sudo -u postgres";
const shown = url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");

const setup = [
  `  apt-get update && apt-get install -y postgresql     # the server (Debian)`,
  `  pg_ctlcluster ${version} main start                  # start it (pg_lsclusters lists clusters)`,
  `  ${asPostgres} createuser --superuser ${user}   # a role for this OS user (Unix-socket peer auth, no password)`,
].join("\n");

function fail(problem: string, fix: string): never {
  console.error(
    `The PostgreSQL pass of npm test cannot run: ${problem}\n` +
      `The tests connect to ${shown}\n` +
      `(set TEST_POSTGRES_URL to use another cluster; its user must be allowed to create databases).\n\n` +
      `${fix}\n\nthen run npm test again.`,
  );
  process.exit(1);
}

async function main() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { code?: string };
    if (!custom && versions.length === 0) fail("PostgreSQL is not installed.", `Set it up with:\n${setup}`);
    if (e.code === "ENOENT" || e.code === "ECONNREFUSED") {
      fail(`nothing is listening there (${e.code}).`, custom ? "Start that cluster." : `Start the cluster:\n  pg_ctlcluster ${version} main start`);
    }
    // 28000: no such role; 28P01: password refused; 3D000: no such database.
    if (e.code === "28000" || e.code === "28P01") {
      fail(`the cluster refused the role (${e.message}).`, custom ? "Fix the user in TEST_POSTGRES_URL." : `Create a role for this OS user:\n  ${asPostgres} createuser --superuser ${user}`);
    }
    if (e.code === "3D000") fail(`${e.message}.`, "Name an existing database (postgres) in TEST_POSTGRES_URL.");
    fail(`${e.message}.`, `Set it up with:\n${setup}`);
  }
  try {
    const { rows } = await client.query<{ ok: boolean }>("SELECT rolsuper OR rolcreatedb AS ok FROM pg_roles WHERE rolname = current_user");
    if (!rows[0]?.ok) {
      fail("the role may not create databases (each test server gets a throwaway one).", `Allow it:\n  ${asPostgres} psql -c 'ALTER ROLE "${user}" CREATEDB'`);
    }
  } finally {
    await client.end();
  }
  // The crash test crashes a PostgreSQL of its own (scripts/throwaway-pg-cluster.ts): it needs the server binaries here.
  if (!process.env.PG_BINDIR && !versions.some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))) {
    fail("the crash test needs PostgreSQL's server binaries (initdb, pg_ctl) on this machine.", "Install them with:\n  apt-get install -y postgresql\n(or set PG_BINDIR to the folder holding initdb and pg_ctl)");
  }
  console.log(`PostgreSQL reachable at ${shown}`);
}

main().catch((err) => fail((err as Error).message, `Set it up with:\n${setup}`));
