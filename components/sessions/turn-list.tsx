import { TurnCard } from "@/components/sessions/turn-card";
import type { SessionTurnView } from "@/lib/sessions/schema";

/** A run of turns of the transcript: the server's window, or one the browser loaded. */
export function TurnList({ turns }: { turns: SessionTurnView[] }) {
  if (turns.length === 0) return null;
  return (
    <ol className="space-y-3">
      {turns.map((turn) => (
        <li key={turn.id}>
          <TurnCard turn={turn} />
        </li>
      ))}
    </ol>
  );
}
