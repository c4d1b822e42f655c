"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo } from "react";
import { COLUMN_CLASS, columns } from "@/app/interactions/columns";
import type { InteractionRowView } from "@/app/interactions/row-view";
import { DataTable } from "@/components/data-table";
import { rememberListUrl } from "@/components/keyboard-shortcuts";
import { useRowKeys } from "@/components/use-row-keys";

/** The rows of one page. j/k move the selection, Enter or a click opens the row. */
export function InteractionsTable({ rows }: { rows: InteractionRowView[] }) {
  const router = useRouter();
  const { body, selected, setSelected } = useRowKeys(useMemo(() => rows.map((r) => r.href), [rows]));

  useEffect(() => rememberListUrl(), [rows]);

  return (
    <DataTable
      label="Interactions"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      className="w-full table-fixed border-collapse text-sm"
      columnClass={COLUMN_CLASS}
      bodyRef={body}
      rowProps={(row, i) => ({
        "data-id": row.id,
        tabIndex: 0,
        "aria-selected": i === selected,
        onClick: (e) => {
          if ((e.target as HTMLElement).closest("a,button")) return;
          router.push(row.href);
        },
        onFocus: () => setSelected(i),
        className:
          "cursor-pointer border-b border-zinc-100 outline-none hover:bg-zinc-50 focus:bg-sky-50 aria-selected:bg-sky-50 aria-selected:shadow-[inset_3px_0_0_var(--color-sky-500)] dark:border-zinc-900 dark:hover:bg-zinc-900 dark:focus:bg-sky-900/40 dark:aria-selected:bg-sky-900/40",
      })}
    />
  );
}
