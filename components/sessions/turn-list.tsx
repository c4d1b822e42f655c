import { TurnCard } from "@/components/sessions/turn-card";
import type { SessionTurnView } from "@/lib/sessions/schema";

/** The list a run of turns sits in; the page fills it in steps (components/deferred.tsx). */
export function TurnListFrame({ children }: { children: React.ReactNode }) {
  return <ol className="space-y-3">{children}</ol>;
}

export function TurnItem({ turn }: { turn: SessionTurnView }) {
  return (
    <li>
      <TurnCard turn={turn} />
    </li>
  );
}

/** A run of turns of the transcript: one the browser loaded. */
export function TurnList({ turns }: { turns: SessionTurnView[] }) {
  if (turns.length === 0) return null;
  return (
    <TurnListFrame>
      {turns.map((turn) => (
        <TurnItem key={turn.id} turn={turn} />
      ))}
    </TurnListFrame>
  );
}
