"use client";

import { useRouter } from "next/navigation";
import { COLUMN_CLASS, columns, type SessionRowView } from "@/app/sessions/columns";
import { sessionHref } from "@/app/sessions/search-params";
import { DataTable } from "@/components/data-table";

/** The sessions of one page; a row opens its transcript (click or Enter). */
export function SessionsTable({ sessions }: { sessions: SessionRowView[] }) {
  const router = useRouter();
  const open = (id: string) => router.push(sessionHref(id));
  return (
    <DataTable
      label="Sessions"
      columns={columns}
      data={sessions}
      columnClass={COLUMN_CLASS}
      rowProps={(row) => ({
        "data-session-id": row.session_id,
        tabIndex: 0,
        onClick: () => open(row.session_id),
        onKeyDown: (e) => e.key === "Enter" && open(row.session_id),
        className:
          "cursor-pointer border-b border-zinc-100 outline-none hover:bg-zinc-50 focus:bg-sky-50 focus:shadow-[inset_3px_0_0_var(--color-sky-500)] dark:border-zinc-800/70 dark:hover:bg-zinc-900 dark:focus:bg-sky-900/40",
      })}
    />
  );
}
