import { readRows } from "@/lib/db/sqlite/reader";
import { memoryAuditSql } from "@/lib/db/sql/memory-audit-sql";

/** The memory audit's reads on SQLite. */
export const sqliteMemoryAudit = memoryAuditSql("sqlite", readRows);
