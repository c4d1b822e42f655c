import Link from "next/link";
import { PackDiffView } from "@/components/sessions/pack-diff";
import { SHOWN_DIFF_ITEMS } from "@/components/sessions/pack-diff-entries";
import type { SessionPosition } from "@/lib/interactions/get-session-position";
import { getInteractionPackDiffShown } from "@/lib/sessions/get-interaction-pack-diff";

/** The detail page's "compared with turn N-1": this turn's pack against the previous turn's; nothing for a first turn or without a session. */
export async function InteractionPackDiff({ id, position }: { id: string; position: SessionPosition }) {
  const { pack_diff, previous_turn, previous_id, changes } = await getInteractionPackDiffShown(id, SHOWN_DIFF_ITEMS, position);
  if (!pack_diff || previous_turn === null || previous_id === null) return null;
  return (
    <section className="border-t border-zinc-200 pt-3 dark:border-zinc-800" aria-labelledby="pack-diff-title">
      <h2 id="pack-diff-title" className="mb-1 flex items-baseline gap-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        Context pack changes
        <span className="font-normal tracking-normal normal-case">
          compared with{" "}
          <Link href={`/interactions/${encodeURIComponent(previous_id)}`} className="text-sky-700 underline underline-offset-2 dark:text-sky-400">
            {`turn ${previous_turn}`}
          </Link>
        </span>
      </h2>
      <PackDiffView diff={pack_diff} previousTurn={previous_turn} changes={changes} />
    </section>
  );
}
