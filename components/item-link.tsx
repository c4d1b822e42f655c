import Link from "next/link";
import type { ItemKind } from "@/lib/usage/find-item-interactions";
import { itemHref } from "@/lib/usage/item-href";

/** A memory or chunk id, linking to its page. */
export function ItemLink({ kind, id, className }: { kind: ItemKind; id: string; className?: string }) {
  return (
    <Link href={itemHref(kind, id)} className={className ?? "font-mono text-sky-700 underline decoration-sky-700/40 underline-offset-2 hover:decoration-current dark:text-sky-400 dark:decoration-sky-400/40"}>
      {id}
    </Link>
  );
}
