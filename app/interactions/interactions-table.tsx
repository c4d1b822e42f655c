"use client";

import { useTable } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { COLUMN_CLASS, columns, features } from "@/app/interactions/columns";
import type { InteractionRowView } from "@/app/interactions/row-view";
import { rememberListUrl } from "@/components/keyboard-shortcuts";

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** The rows of one page. j/k move the selection, Enter or a click opens the row. */
export function InteractionsTable({ rows }: { rows: InteractionRowView[] }) {
  const table = useTable({ features, columns, data: rows, getRowId: (r) => r.id });
  const router = useRouter();
  const [selected, setSelected] = useState(-1);
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => rememberListUrl(), [rows]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey || typingIn(e.target)) return;
      const trs = body.current?.querySelectorAll<HTMLTableRowElement>("tr[data-id]");
      if (!trs?.length) return;
      const focused = [...trs].findIndex((tr) => tr === document.activeElement);
      const at = focused >= 0 ? focused : selected;
      let next = at;
      if (e.key === "j") next = Math.min(trs.length - 1, at + 1);
      else if (e.key === "k") next = Math.max(0, at - 1);
      else if (e.key === "Enter" && at >= 0 && (focused >= 0 || document.activeElement === document.body)) {
        e.preventDefault();
        router.push(rows[at].href);
        return;
      } else return;
      e.preventDefault();
      setSelected(next);
      trs[next].focus();
      trs[next].scrollIntoView({ block: "nearest" });
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [router, rows, selected]);

  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed border-collapse text-sm" aria-label="Interactions">
        <thead className="text-left text-xs text-zinc-500">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="border-b border-zinc-200 dark:border-zinc-800">
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={`px-2 py-1 font-medium ${COLUMN_CLASS[header.column.id] ?? ""}`}>
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody ref={body}>
          {table.getRowModel().rows.map((row, i) => (
            <tr
              key={row.id}
              data-id={row.original.id}
              tabIndex={0}
              aria-selected={i === selected}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest("a,button")) return;
                router.push(row.original.href);
              }}
              onFocus={() => setSelected(i)}
              className="cursor-pointer border-b border-zinc-100 outline-none hover:bg-zinc-50 focus:bg-sky-50 aria-selected:bg-sky-50 aria-selected:shadow-[inset_3px_0_0_var(--color-sky-500)] dark:border-zinc-900 dark:hover:bg-zinc-900 dark:focus:bg-sky-900/40 dark:aria-selected:bg-sky-900/40"
            >
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className={`px-2 py-1 align-top ${COLUMN_CLASS[cell.column.id] ?? ""}`}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
