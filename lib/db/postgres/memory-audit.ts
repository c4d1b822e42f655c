import { readRows } from "@/lib/db/postgres/reader";
import { memoryAuditSql } from "@/lib/db/sql/memory-audit-sql";

/** The memory audit's reads on PostgreSQL. */
export const postgresMemoryAudit = memoryAuditSql("postgres", readRows);
