import { mkdirSync } from "node:fs";
import path from "node:path";
import { databaseKindOf } from "@/lib/db/database-kind";

// DATABASE_URL is "file:<path>" (Prisma's form) or a bare path; relative paths are
// taken from the working directory, and the folder is created when missing.
export function sqliteFileFromUrl(url: string): string {
  // A SQLite-only path reached on PostgreSQL is a bug: fail it instead of creating a stray file.
  if (databaseKindOf(url) === "postgres") throw new Error("This operation needs SQLite, but DATABASE_URL names PostgreSQL");
  const raw = url.startsWith("file:") ? url.slice("file:".length) : url;
  const withoutQuery = raw.split("?")[0];
  if (!withoutQuery) throw new Error(`DATABASE_URL names no file: ${url}`);
  if (withoutQuery === ":memory:") return withoutQuery;
  const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), withoutQuery);
  mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
  return file;
}
