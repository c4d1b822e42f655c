"use client";

import { createColumnHelper } from "@tanstack/react-table";
import type { Features } from "@/components/data-table";
import { ListTime } from "@/components/list-time";
import { formatCount } from "@/lib/format-count";
import { durationLabel } from "@/lib/format-time";
import type { SessionListItem } from "@/lib/sessions/schema";
import { VerdictBadge } from "@/components/reviews/verdict-badge";

export type SessionRowView = SessionListItem & { last_ago: string; last_abs: string; last_utc: string; time_auto: "relative" | "absolute" };

const helper = createColumnHelper<Features, SessionRowView>();
const names = (values: string[]) => values.map((v) => v || "—").join(", ");

export const columns = helper.columns([
  helper.accessor("last_at", {
    header: "Last active",
    cell: (c) => {
      const s = c.row.original;
      return <ListTime iso={s.last_at} utc={s.last_utc} relative={s.last_ago} absolute={s.last_abs} auto={s.time_auto} />;
    },
  }),
  helper.accessor("session_id", {
    header: "Session",
    cell: (c) => <span className="font-mono text-xs break-all">{c.getValue()}</span>,
  }),
  helper.accessor("first_prompt", {
    header: "First prompt",
    cell: (c) => (
      <span dir="auto" title={c.getValue()} className="block max-w-[28rem] truncate" data-testid="first-prompt">
        {c.getValue() || "—"}
      </span>
    ),
  }),
  helper.accessor("turns", { header: "Turns", cell: (c) => <span className="tabular-nums">{formatCount(c.getValue())}</span> }),
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
  helper.accessor("review", { header: "Review", cell: (c) => <VerdictBadge verdict={c.getValue()} /> }),
]);

/** Per-column layout: which columns a phone can do without (the transcript shows them), so the session id keeps its room. */
export const COLUMN_CLASS: Record<string, string> = {
  last_at: "whitespace-nowrap",
  turns: "text-right",
  projects: "hidden md:table-cell",
  clients: "hidden md:table-cell",
  first_at: "hidden sm:table-cell",
  first_prompt: "hidden sm:table-cell max-w-[28rem]",
  review: "whitespace-nowrap",
};
