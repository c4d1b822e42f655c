import { mkdirSync } from "node:fs";
import path from "node:path";

// DATABASE_URL is "file:<path>" (Prisma's form) or a bare path; relative paths are
// taken from the working directory, and the folder is created when missing.
export function sqliteFileFromUrl(url: string): string {
  const raw = url.startsWith("file:") ? url.slice("file:".length) : url;
  const withoutQuery = raw.split("?")[0];
  if (!withoutQuery) throw new Error(`DATABASE_URL names no file: ${url}`);
  if (withoutQuery === ":memory:") return withoutQuery;
  const file = path.resolve(/*turbopackIgnore: true*/ process.cwd(), withoutQuery);
  mkdirSync(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
  return file;
}
