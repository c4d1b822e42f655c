import type { MemoryAuditStore } from "@/lib/db/contract/memory-audit";
import { readRowsOffLoop } from "@/lib/db/sqlite/read-thread";
import { readRows } from "@/lib/db/sqlite/reader";
import { runWrite } from "@/lib/db/sqlite/write-thread";
import { memoryAuditSql } from "@/lib/db/sql/memory-audit-sql";
import { errorFromWire } from "@/lib/errors";

const reads = memoryAuditSql("sqlite", readRows, readRowsOffLoop);

/** Folds the captures still waiting for the item index (lib/db/sqlite/item-index-fold.ts) into it. */
async function foldPending(): Promise<void> {
  const result = await runWrite("foldItems", Infinity);
  if (!result.ok) throw errorFromWire(result.error);
}

/** The memory audit's reads on SQLite; each first folds what is pending, so it sees every acknowledged capture. */
export const sqliteMemoryAudit: MemoryAuditStore = {
  listItems: async (kind, q) => (await foldPending(), reads.listItems(kind, q)),
  getItem: async (kind, itemId) => (await foldPending(), reads.getItem(kind, itemId)),
  versionInteractions: async (versionId, limit) => (await foldPending(), reads.versionInteractions(versionId, limit)),
  reportBatch: async (kind, report, minOffered, afterId, limit) => (await foldPending(), reads.reportBatch(kind, report, minOffered, afterId, limit)),
};
