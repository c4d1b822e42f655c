"use client";

import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import type { InteractionRowView } from "@/app/interactions/row-view";
import { sessionHref } from "@/app/sessions/search-params";
import type { Features } from "@/components/data-table";
import { Highlight } from "@/components/highlight";
import { ListTime } from "@/components/list-time";
import { VerdictBadge } from "@/components/reviews/verdict-badge";

const helper = createColumnHelper<Features, InteractionRowView>();

const muted = "text-zinc-500 dark:text-zinc-400";

export const columns = helper.columns([
  helper.accessor("age", {
    header: "Time",
    cell: (info) => {
      const r = info.row.original;
      return <ListTime iso={r.created_at} utc={r.utc} relative={r.age} absolute={r.at} auto={r.time_auto} />;
    },
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
      // dir="auto": a right-to-left prompt truncates at its own end, keeping its beginning.
      <Link href={info.row.original.href} dir="auto" className="block break-words hover:underline sm:truncate">
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
        <span dir="auto" className="block truncate">
          {kind === "summary" && (
            <span className="me-1 rounded bg-zinc-200 px-1 text-[11px] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">summary</span>
          )}
          <Highlight text={info.getValue()} query={info.row.original.search} />
        </span>
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
  helper.accessor("review", { header: "Review", cell: (info) => <VerdictBadge verdict={info.getValue()} /> }),
]);

/** Per-column layout: widths, alignment, and which columns a phone can do without. */
// The table is table-fixed: columns with a width keep it, prompt and response share the rest.
export const COLUMN_CLASS: Record<string, string> = {
  // Phones let a time wrap onto two lines rather than run into the prompt.
  age: "w-[5.5rem] sm:w-32 sm:whitespace-nowrap",
  project: "w-32 truncate hidden md:table-cell",
  client: "w-28 truncate hidden md:table-cell",
  session_id: "w-36 truncate hidden lg:table-cell",
  prompt: "",
  answer: "hidden sm:table-cell",
  memories: "w-12 text-right tabular-nums",
  chunks: "w-14 text-right tabular-nums hidden sm:table-cell",
  review: "w-24 hidden sm:table-cell",
};
