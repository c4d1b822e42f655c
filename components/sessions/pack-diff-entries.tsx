import { ItemLink } from "@/components/item-link";
import { cutText } from "@/lib/sessions/cut-text";
import type { PackDiffItem } from "@/lib/sessions/schema";
import styles from "@/components/sessions/transcript.module.css";
import { formatCount } from "@/lib/format-count";

// The entries of a pack diff. Each shows the start of the item's text (its page has the
// rest), and a big pack's diff (thousands of items) its first entries only: the API
// (GET /api/interactions/{id}/pack-diff) has them all.
export const SHOWN_DIFF_ITEMS = 100;
const SHOWN_TEXT_CHARS = 80;
const SIGN = { entered: "+", left: "−", changed: "~" } as const;
const cut = (text: string) => cutText(text, SHOWN_TEXT_CHARS);

function Id({ item }: { item: PackDiffItem }) {
  return item.kind === "item" ? <span className="font-mono">{item.id}</span> : <ItemLink kind={item.kind} id={item.id} className={styles.itemId} />;
}

function Entry({ item }: { item: PackDiffItem }) {
  const what =
    item.change === "entered"
      ? `entered (${item.mark})`
      : item.change === "left"
        ? `left (was ${item.mark})`
        : [item.text_changed && "text changed", item.mark_changed && `${item.previous_mark} → ${item.mark}`].filter(Boolean).join(", ");
  const className = item.change === "entered" ? styles.entered : item.change === "left" ? styles.left : styles.changed;
  return (
    <li
      className={className}
      data-change={item.change}
      data-text-changed={item.text_changed || undefined}
      data-mark-changed={item.mark_changed || undefined}
      data-id={item.id}
    >
      <span aria-hidden>{`${SIGN[item.change]} `}</span>
      {`${item.kind} `}
      <Id item={item} />
      <b className="font-medium">{` ${what}`}</b>
      {item.text && `: ${cut(item.text)}`}
      {item.previous_text !== null && <i className={styles.was}>{` (was: ${cut(item.previous_text)})`}</i>}
    </li>
  );
}

/**
 * The entries of a diff, labelled entered / left / text changed / mark changed; `changes` is
 * the whole diff's number of entries when `items` carries only its first ones.
 */
export function PackDiffEntries({ items, changes = items.length }: { items: PackDiffItem[]; changes?: number }) {
  const hidden = changes - Math.min(items.length, SHOWN_DIFF_ITEMS);
  return (
    <>
      <ul className="mt-1 flex flex-wrap gap-1">
        {items.slice(0, SHOWN_DIFF_ITEMS).map((item) => (
          <Entry key={`${item.change}:${item.kind}:${item.id}`} item={item} />
        ))}
      </ul>
      {hidden > 0 && <p className={styles.muted}>{`and ${formatCount(hidden)} more changes`}</p>}
    </>
  );
}
