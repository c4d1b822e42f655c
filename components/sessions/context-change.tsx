import type { ChangedItem, ContextChange } from "@/lib/sessions/context-changes";
import { isUnchanged } from "@/lib/sessions/context-changes";
import styles from "@/components/sessions/transcript.module.css";
import { ItemLink } from "@/components/item-link";

function Items({ sign, kind, items }: { sign: "+" | "−"; kind: "memory" | "chunk"; items: ChangedItem[] }) {
  return items.map((item) => (
    <li key={`${sign}${kind}${item.id}`} className={sign === "+" ? styles.entered : styles.left} data-change={sign === "+" ? "entered" : "left"}>
      <span aria-label={sign === "+" ? "entered" : "left"}>{sign}</span> {kind} <ItemLink kind={kind} id={item.id} />
      {item.text && <span className="text-zinc-700 dark:text-zinc-300">: {item.text}</span>}
    </li>
  ));
}

/** What entered and left the context used, compared with the previous turn. */
export function ContextChangeView({ change }: { change: ContextChange }) {
  if (isUnchanged(change)) {
    return <p className={styles.muted} data-testid="context-change">Context unchanged since the previous turn</p>;
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
