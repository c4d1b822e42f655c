import Link from "next/link";
import { ContextChangeView } from "@/components/sessions/context-change";
import { ContextChips } from "@/components/sessions/context-chips";
import type { ContextChange } from "@/lib/sessions/context-changes";
import { formatDuration } from "@/lib/sessions/format-duration";
import type { SessionTurn } from "@/lib/sessions/schema";

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

function Text({ label, text, note }: { label: string; text: string; note?: string }) {
  return (
    <div>
      <p className="mb-0.5 text-xs font-medium text-zinc-500">
        {label}
        {note && <span className="ml-1 rounded bg-amber-100 px-1 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100">{note}</span>}
      </p>
      <p className="max-h-72 overflow-auto text-sm break-words whitespace-pre-wrap">{text}</p>
    </div>
  );
}

type Props = { turn: SessionTurn; previousAt: string | undefined; change: ContextChange | null };

/** One turn of the transcript, with its anchor (#turn-N). */
export function TurnCard({ turn, previousAt, change }: Props) {
  const anchor = `turn-${turn.turn}`;
  return (
    <article
      id={anchor}
      data-turn={turn.turn}
      aria-label={`Turn ${turn.turn}`}
      // Off-screen turns skip layout and paint: a 1,000-turn transcript stays responsive.
      className="scroll-mt-4 space-y-2 rounded-lg border border-zinc-200 p-3 [contain-intrinsic-size:auto_16rem] [content-visibility:auto] target:border-blue-500 dark:border-zinc-800"
    >
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <a href={`#${anchor}`} className="text-sm font-semibold text-zinc-900 hover:underline dark:text-zinc-100">
          Turn {turn.turn}
        </a>
        <time dateTime={turn.created_at}>{utc(turn.created_at)}</time>
        {previousAt && <span>+{formatDuration(Date.parse(turn.created_at) - Date.parse(previousAt))} after the previous turn</span>}
        <span>client {turn.client || "—"}</span>
        {turn.project && <span>project {turn.project}</span>}
        <Link href={`/interactions/${turn.id}`} className="ml-auto text-blue-700 hover:underline dark:text-blue-400">
          details
        </Link>
      </header>
      {change && <ContextChangeView change={change} />}
      <Text label="Prompt" text={turn.prompt} />
      {turn.response ? (
        <Text label="Response" text={turn.response} />
      ) : turn.response_summary ? (
        <Text label="Response" note="summary" text={turn.response_summary} />
      ) : (
        <p className="text-sm text-zinc-500 italic">No response recorded</p>
      )}
      <ContextChips interactionId={turn.id} memoriesUsed={turn.memories_used} chunksUsed={turn.chunks_used} />
    </article>
  );
}
