import type { ItemDetail, ItemKind, ItemList, ItemListQuery, ReportKind, ReportRow } from "@/lib/memory-audit/schema";

// What the memory audit (lib/memory-audit/) needs from a database. The tables are kept by the
// database's own triggers (migration 20261207030000_item_index), so this is reads only.

/** One interaction that carried a version: enough for a link and a line. */
export type VersionInteraction = { id: string; created_at: string; project: string; client: string; session_id: string };

export interface MemoryAuditStore {
  listItems(kind: ItemKind, q: ItemListQuery): Promise<ItemList>;
  /** null when the id was never seen in a pack nor in a used list. */
  getItem(kind: ItemKind, itemId: string): Promise<ItemDetail | null>;
  /** The newest interactions whose pack carried a version, newest first. */
  versionInteractions(versionId: number, limit: number): Promise<VersionInteraction[]>;
  /** One batch of a report in item-id order, after the given id. */
  reportBatch(kind: ItemKind, report: ReportKind, minOffered: number, afterId: string | null, limit: number): Promise<ReportRow[]>;
}
