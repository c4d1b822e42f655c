import { memoryAuditSql } from "@/lib/db/memory-audit-sql";

/** The memory audit's reads on SQLite. */
export const sqliteMemoryAudit = memoryAuditSql("sqlite");
