import type { ItemKind } from "@/lib/usage/find-item-interactions";

/** Where a memory's or chunk's own page is (its text, who used it, when). */
export function itemHref(kind: ItemKind, id: string): string {
  return `/${kind === "memory" ? "memories" : "chunks"}/${encodeURIComponent(id)}`;
}
