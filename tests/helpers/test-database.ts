import pg from "pg";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { tempDbFile } from "./temp-db-file";

/**
 * The database the tests run against: SQLite (default) or PostgreSQL when
 * TEST_DATABASE=postgres. On PostgreSQL each test server gets a throwaway database, created on
 * the cluster named by TEST_POSTGRES_URL (default: the local cluster over its Unix socket, as
 * the current OS user) and dropped when the server stops (a SQLite file's folder is removed).
 */
export type TestDatabaseKind = "sqlite" | "postgres";

export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.TEST_DATABASE ?? "sqlite";
  if (kind !== "sqlite" && kind !== "postgres") throw new Error(`TEST_DATABASE must be sqlite or postgres (got ${kind})`);
  return kind;
}

export function postgresAdminUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? `postgresql://${os.userInfo().username}@localhost/postgres?host=/var/run/postgresql`;
}

export type TestDatabase = {
  kind: TestDatabaseKind;
  /** DATABASE_URL for a server or script using this database. */
  url: string;
  /** The SQLite file (SQLite only). */
  file?: string;
  drop: () => Promise<void>;
};

/** Every database the tests create is named so; nothing else is ever dropped or written. */
export const TEST_DATABASE_PREFIX = "atocore_test_";

/** The URL of database `name` on the admin URL's cluster. */
function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(label = "test", kind = testDatabaseKind()): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const file = tempDbFile(label);
    return { kind, url: `file:${file}`, file, drop: async () => rmSync(path.dirname(file), { recursive: true, force: true }) };
  }
  // Only ever a database this helper named, so a test can never touch a real one.
  const name = `${TEST_DATABASE_PREFIX}${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  return {
    kind,
    url: withDatabase(postgresAdminUrl(), name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
