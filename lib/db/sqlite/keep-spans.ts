import type Database from "better-sqlite3";
import type { KeptSpan } from "@/lib/db/contract/otlp-spans";
import { runSteps } from "@/lib/db/sqlite/run-steps";
import { keepSpansSteps } from "@/lib/db/sql/otlp-spans-sql";

export type KeepSpansInput = { spans: KeptSpan[]; now: number; forgetBefore: number };

/** The body of a keep's transaction on `db` (the write job "keepSpans"). */
export function keepSpans(db: Database.Database, { spans, now, forgetBefore }: KeepSpansInput): void {
  runSteps(db, keepSpansSteps("sqlite", spans, now, forgetBefore));
}
