import type { ChangedItem, ContextChange } from "@/lib/sessions/context-changes";
import { isUnchanged } from "@/lib/sessions/context-changes";

function Items({ sign, kind, items }: { sign: "+" | "−"; kind: string; items: ChangedItem[] }) {
  const tone =
    sign === "+"
      ? "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-200"
      : "border-rose-300 bg-rose-50 text-rose-900 dark:border-rose-800 dark:bg-rose-950/50 dark:text-rose-200";
  return items.map((item) => (
    <li key={`${sign}${kind}${item.id}`} className={`rounded border px-1.5 py-0.5 ${tone}`} data-change={sign === "+" ? "entered" : "left"}>
      <span aria-label={sign === "+" ? "entered" : "left"}>{sign}</span> {kind} <code className="font-mono">{item.id}</code>
      {item.text && <span className="text-zinc-700 dark:text-zinc-300">: {item.text}</span>}
    </li>
  ));
}

/** What entered and left the context used, compared with the previous turn. */
export function ContextChangeView({ change }: { change: ContextChange }) {
  if (isUnchanged(change)) {
    return <p className="text-xs text-zinc-500" data-testid="context-change">Context unchanged since the previous turn</p>;
  }
  return (
    <div data-testid="context-change">
      <p className="mb-1 text-xs font-medium text-zinc-500">Context changes since the previous turn</p>
      <ul className="flex flex-wrap gap-1 text-xs">
        <Items sign="+" kind="memory" items={change.memories.entered} />
        <Items sign="+" kind="chunk" items={change.chunks.entered} />
        <Items sign="−" kind="memory" items={change.memories.left} />
        <Items sign="−" kind="chunk" items={change.chunks.left} />
      </ul>
    </div>
  );
}
