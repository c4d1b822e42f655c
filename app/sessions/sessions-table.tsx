"use client";

import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { COLUMN_CLASS, columns, type SessionRowView } from "@/app/sessions/columns";
import { sessionHref } from "@/app/sessions/search-params";
import { DataTable } from "@/components/data-table";
import { useRowKeys } from "@/components/use-row-keys";

/** The sessions of one page; j/k move the selection, a click or Enter opens the transcript. */
export function SessionsTable({ sessions }: { sessions: SessionRowView[] }) {
  const router = useRouter();
  const open = (id: string) => router.push(sessionHref(id));
  const { body, selected, setSelected } = useRowKeys(useMemo(() => sessions.map((s) => sessionHref(s.session_id)), [sessions]));
  return (
    <DataTable
      label="Sessions"
      columns={columns}
      data={sessions}
      columnClass={COLUMN_CLASS}
      bodyRef={body}
      rowProps={(row, i) => ({
        "data-session-id": row.session_id,
        tabIndex: 0,
        onClick: () => open(row.session_id),
        "aria-selected": i === selected,
        onFocus: () => setSelected(i),
        className:
          "cursor-pointer border-b border-zinc-100 outline-none hover:bg-zinc-50 focus:bg-sky-50 focus:shadow-[inset_3px_0_0_var(--color-sky-500)] dark:border-zinc-800/70 dark:hover:bg-zinc-900 dark:focus:bg-sky-900/40",
      })}
    />
  );
}
