import { createHash } from "node:crypto";
import pg from "pg";
import { pgPool } from "@/lib/db/postgres/pool";
import type { Prisma } from "@/lib/generated/prisma/client";

// Every read on PostgreSQL: the process's pool, as named statements, so each connection parses
// and plans a statement once and then only binds (ARCHITECTURE.md, "One read mechanism per
// database").

// count(*) and other bigint results arrive from pg as strings (int8 can exceed 2^53); ours are
// row counts, far below that, so they are read as numbers, as better-sqlite3 gives them.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    oid === INT8_OID ? Number : (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(oid, format),
};

// A statement's name is derived from its text, so each distinct statement is prepared once per
// connection and the same text always reuses it (PostgreSQL's limit on a name is 63 bytes).
const statementName = (text: string) => `atocore_${createHash("sha1").update(text).digest("hex")}`;

/** Runs a read built with Prisma.sql (its `$n` text) on the pool. */
export async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  const result = await pgPool().query({ name: statementName(query.text), text: query.text, values: query.values, types: pgTypes });
  return result.rows as T[];
}
