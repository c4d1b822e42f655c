import type { MemoryAuditStore } from "@/lib/db/contract/memory-audit";
import { sqlDialect } from "@/lib/db/dialect";
import { postgresMemoryAudit } from "@/lib/db/postgres/memory-audit";
import { sqliteMemoryAudit } from "@/lib/db/sqlite/memory-audit";

/** The memory audit's store for the database in use (becomes database().memoryAudit with issue 21). */
export function memoryAuditStore(): MemoryAuditStore {
  return sqlDialect() === "postgres" ? postgresMemoryAudit : sqliteMemoryAudit;
}
