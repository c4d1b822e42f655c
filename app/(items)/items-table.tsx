"use client";

import { createColumnHelper } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { DataTable, type Features } from "@/components/data-table";
import { formatCount } from "@/lib/format-count";
import type { ItemFigures, ItemKind } from "@/lib/memory-audit/schema";
import { itemHref } from "@/lib/usage/item-href";

const helper = createColumnHelper<Features, ItemFigures>();
const count = (n: number) => <span className="tabular-nums">{formatCount(n)}</span>;

const columns = helper.columns([
  helper.accessor("id", { header: "Id", cell: (c) => <span className="inline-block min-w-28 font-mono text-xs break-all">{c.getValue()}</span> }),
  helper.accessor("offered", { header: "Offered", cell: (c) => count(c.getValue()) }),
  helper.accessor("used", { header: "Used", cell: (c) => count(c.getValue()) }),
  helper.accessor("use_rate", {
    header: "Use rate",
    cell: (c) => {
      const v = c.getValue();
      return <span className="tabular-nums">{v === null ? "—" : `${(v * 100).toFixed(1)}%`}</span>;
    },
  }),
  helper.accessor("used_unoffered", { header: "Used unoffered", cell: (c) => count(c.getValue()) }),
  helper.accessor("versions", {
    header: "Versions",
    cell: (c) => <span className={`tabular-nums ${c.getValue() > 1 ? "font-semibold text-amber-700 dark:text-amber-400" : ""}`}>{formatCount(c.getValue())}</span>,
  }),
  helper.accessor("last_seen", { header: "Last seen", cell: (c) => <span className="whitespace-nowrap text-xs">{c.getValue().slice(0, 16).replace("T", " ")}</span> }),
  helper.accessor("projects", { header: "Projects", cell: (c) => c.getValue().map((p) => p || "—").join(", ") }),
]);

const COLUMN_CLASS: Record<string, string> = {
  offered: "text-right",
  used: "text-right",
  use_rate: "text-right",
  used_unoffered: "text-right hidden sm:table-cell",
  versions: "text-right",
  last_seen: "hidden md:table-cell",
  projects: "hidden lg:table-cell",
};

/** One page of the memories or chunks list; a click or Enter opens the item. */
export function ItemsTable({ kind, items }: { kind: ItemKind; items: ItemFigures[] }) {
  const router = useRouter();
  return (
    <DataTable
      label={kind === "memory" ? "Memories" : "Chunks"}
      columns={columns}
      data={items}
      columnClass={COLUMN_CLASS}
      rowProps={(row) => ({
        "data-item-id": row.id,
        tabIndex: 0,
        onClick: () => router.push(itemHref(kind, row.id)),
        onKeyDown: (e) => {
          if (e.key === "Enter") router.push(itemHref(kind, row.id));
        },
        className: "cursor-pointer border-b border-zinc-100 outline-none hover:bg-zinc-50 focus:bg-sky-50 dark:border-zinc-800/70 dark:hover:bg-zinc-900 dark:focus:bg-sky-900/40",
      })}
    />
  );
}
