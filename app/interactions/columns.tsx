"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import type { InteractionRowView } from "@/app/interactions/row-view";
import { sessionHref } from "@/app/sessions/search-params";
import type { Features } from "@/components/data-table";
import { Highlight } from "@/components/highlight";

const helper = createColumnHelper<Features, InteractionRowView>();

const muted = "text-zinc-400 dark:text-zinc-500";

export const columns = helper.columns([
  helper.accessor("age", {
    header: "Time",
    cell: (info) => (
      <time dateTime={info.row.original.utc} title={info.row.original.utc} className="whitespace-nowrap tabular-nums">
        {info.getValue()}
      </time>
    ),
  }),
  // The cells truncate: the title shows the whole name on hover.
  helper.accessor("project", { header: "Project", cell: (info) => <span title={info.getValue()}>{info.getValue() || <span className={muted}>—</span>}</span> }),
  helper.accessor("client", { header: "Client", cell: (info) => <span title={info.getValue()}>{info.getValue() || <span className={muted}>—</span>}</span> }),
  helper.accessor("session_id", {
    header: "Session",
    cell: (info) =>
      info.getValue() ? (
        <Link href={sessionHref(info.getValue())} className="text-sky-700 hover:underline dark:text-sky-400" title={info.getValue()}>
          {info.getValue()}
        </Link>
      ) : (
        <span className={muted}>—</span>
      ),
  }),
  helper.accessor("prompt", {
    header: "Prompt",
    cell: (info) => (
      <Link href={info.row.original.href} className="hover:underline">
        {info.getValue() ? <Highlight text={info.getValue()} query={info.row.original.search} /> : <span className={muted}>(blank)</span>}
      </Link>
    ),
  }),
  helper.accessor("answer", {
    header: "Response",
    cell: (info) => {
      const kind = info.row.original.answer_kind;
      if (kind === "none") return <span className={`italic ${muted}`}>no response yet</span>;
      return (
        <>
          {kind === "summary" && (
            <span className="mr-1 rounded bg-zinc-200 px-1 text-[11px] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">summary</span>
          )}
          <Highlight text={info.getValue()} query={info.row.original.search} />
        </>
      );
    },
  }),
  helper.accessor("memories", {
    header: () => <span title="memories used">Mem</span>,
    cell: (info) => <span className={info.getValue() ? "" : muted}>{info.getValue()}</span>,
  }),
  helper.accessor("chunks", {
    header: () => <span title="chunks used">Chunks</span>,
    cell: (info) => <span className={info.getValue() ? "" : muted}>{info.getValue()}</span>,
  }),
]);

/** Per-column layout: widths, alignment, and which columns a phone can do without. */
// The table is table-fixed: columns with a width keep it, prompt and response share the rest.
export const COLUMN_CLASS: Record<string, string> = {
  age: "w-20 sm:w-24 whitespace-nowrap",
  project: "w-32 truncate hidden md:table-cell",
  client: "w-28 truncate hidden md:table-cell",
  session_id: "w-36 truncate hidden lg:table-cell",
  prompt: "break-words sm:truncate",
  answer: "truncate hidden sm:table-cell",
  memories: "w-12 text-right tabular-nums",
  chunks: "w-14 text-right tabular-nums hidden sm:table-cell",
};
