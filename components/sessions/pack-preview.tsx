import { ItemLink } from "@/components/item-link";
import { packItemTexts } from "@/lib/sessions/pack-item-text";

type Props = { pack: Record<string, unknown>; memoriesUsed: string[]; chunksUsed: string[] };

/** A turn's context pack: its items marked used / offered, then the pack itself as text. */
export function PackPreview({ pack, memoriesUsed, chunksUsed }: Props) {
  const used = new Set([...memoriesUsed, ...chunksUsed]);
  const items = [...packItemTexts(pack)];
  return (
    <div className="space-y-2 text-xs">
      {items.length > 0 && (
        <ul className="space-y-1">
          {items.map(([id, text]) => (
            <li key={id} data-mark={used.has(id) ? "used" : "offered"}>
              <span
                className={
                  used.has(id)
                    ? "mr-1 rounded bg-emerald-100 px-1 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100"
                    : "mr-1 rounded bg-zinc-200 px-1 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                }
              >
                {used.has(id) ? "used" : "offered, not used"}
              </span>
              {memoriesUsed.includes(id) ? <ItemLink kind="memory" id={id} /> : chunksUsed.includes(id) ? <ItemLink kind="chunk" id={id} /> : <code className="font-mono">{id}</code>}{" "}
              {text}
            </li>
          ))}
        </ul>
      )}
      <pre className="max-h-80 overflow-auto rounded bg-zinc-50 p-2 font-mono whitespace-pre-wrap dark:bg-zinc-900">
        {JSON.stringify(pack, null, 2)}
      </pre>
    </div>
  );
}
