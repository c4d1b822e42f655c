"use client";

import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { durationLabel } from "@/lib/format-time";
import type { SessionSummary } from "@/lib/sessions/schema";

export type SessionRowView = SessionSummary & { last_ago: string };

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, SessionRowView>();
const names = (values: string[]) => values.map((v) => v || "—").join(", ");

// Which columns a phone can do without (the transcript shows them), so the session id keeps its room.
const COLUMN_CLASS: Record<string, string> = {
  last_at: "whitespace-nowrap",
  turns: "text-right",
  projects: "hidden md:table-cell",
  clients: "hidden md:table-cell",
  first_at: "hidden sm:table-cell",
};

const columns = helper.columns([
  helper.accessor("last_at", {
    header: "Last active",
    cell: (c) => (
      <time dateTime={c.getValue()} title={c.getValue()} className="whitespace-nowrap">
        {c.row.original.last_ago}
      </time>
    ),
  }),
  helper.accessor("session_id", {
    header: "Session",
    cell: (c) => <span className="font-mono text-xs break-all">{c.getValue()}</span>,
  }),
  helper.accessor("turns", { header: "Turns", cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
  helper.accessor("projects", { header: "Projects", cell: (c) => names(c.getValue()) }),
  helper.accessor("clients", { header: "Clients", cell: (c) => names(c.getValue()) }),
  helper.accessor("first_at", {
    header: "Span",
    cell: (c) => (
      <span title={`${c.getValue()} → ${c.row.original.last_at}`} className="whitespace-nowrap">
        {durationLabel(Date.parse(c.row.original.last_at) - Date.parse(c.getValue()))}
      </span>
    ),
  }),
]);

/** The sessions of one page; a row opens its transcript (click or Enter). */
export function SessionsTable({ sessions }: { sessions: SessionRowView[] }) {
  const router = useRouter();
  const table = useTable({ features, columns, data: sessions });
  const open = (id: string) => router.push(`/sessions/${encodeURIComponent(id)}`);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-zinc-200 text-xs text-zinc-500 dark:border-zinc-800">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={`px-2 py-1.5 font-medium ${COLUMN_CLASS[header.column.id] ?? ""}`}>
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              tabIndex={0}
              data-session-id={row.original.session_id}
              onClick={() => open(row.original.session_id)}
              onKeyDown={(e) => e.key === "Enter" && open(row.original.session_id)}
              className="cursor-pointer outline-none hover:bg-zinc-50 focus:bg-sky-50 focus:shadow-[inset_3px_0_0_var(--color-sky-500)] dark:hover:bg-zinc-900 dark:focus:bg-sky-900/40"
            >
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className={`px-2 py-1.5 align-top ${COLUMN_CLASS[cell.column.id] ?? ""}`}>
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
