import Database from "better-sqlite3";
import { beforeAll, describe } from "vitest";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { tempDbFile } from "../helpers/server";
import { chainCases, loadChainLib, type ChainLib } from "./chain-cases";

// The hash chain on SQLite (the PostgreSQL twin is audit-chain-postgres.test.ts).
let file: string;
let lib: ChainLib;

beforeAll(async () => {
  file = tempDbFile("chain");
  migrateSqlite(file);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.LOG_LEVEL = "silent";
  lib = await loadChainLib();
});

async function tamper(sql: string, ...args: unknown[]) {
  const db = new Database(file);
  // Each $n is used once, in order: ? in SQLite. A Date is stored as epoch ms, as the application stores times.
  db.prepare(sql.replace(/\$\d+/g, "?")).run(...args.map((a) => (a instanceof Date ? a.getTime() : a)));
  db.close();
}

describe("hash chain (SQLite)", () => {
  chainCases({ lib: () => lib, tamper });
});
