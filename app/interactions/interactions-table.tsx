"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { COLUMN_CLASS, columns } from "@/app/interactions/columns";
import type { InteractionRowView } from "@/app/interactions/row-view";
import { DataTable } from "@/components/data-table";
import { rememberListUrl } from "@/components/keyboard-shortcuts";

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** The rows of one page. j/k move the selection, Enter or a click opens the row. */
export function InteractionsTable({ rows }: { rows: InteractionRowView[] }) {
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
