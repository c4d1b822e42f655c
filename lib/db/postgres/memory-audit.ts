import { memoryAuditSql } from "@/lib/db/memory-audit-sql";

/** The memory audit's reads on PostgreSQL. */
export const postgresMemoryAudit = memoryAuditSql("postgres");
