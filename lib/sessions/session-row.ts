import { createdAtMs } from "@/lib/interactions/row";
import { cutText } from "@/lib/sessions/cut-text";
import { FIRST_PROMPT_CHARS, type SessionSummary } from "@/lib/sessions/schema";

/** A sessions row with its projects and clients: JSON text on SQLite (json_group_array), arrays on PostgreSQL. */
export type SessionRow = {
  session_id: string;
  first_prompt: string | null;
  turns: number | bigint;
  first_at: Date | number | bigint;
  last_at: Date | number | bigint;
  last_seq: number | bigint;
  projects: string | string[];
  clients: string | string[];
};

const sortedList = (list: string | string[]) => (typeof list === "string" ? (JSON.parse(list) as string[]) : [...list]).sort();

export function toSessionSummary(row: SessionRow): SessionSummary {
  return {
    session_id: row.session_id,
    first_prompt: cutText(row.first_prompt ?? "", FIRST_PROMPT_CHARS),
    turns: Number(row.turns),
    projects: sortedList(row.projects),
    clients: sortedList(row.clients),
    first_at: new Date(createdAtMs(row.first_at)).toISOString(),
    last_at: new Date(createdAtMs(row.last_at)).toISOString(),
  };
}
