import Link from "next/link";
import { itemHref } from "@/lib/usage/item-href";

function IdLinks({ kind, ids }: { kind: "memory" | "chunk"; ids: readonly string[] }) {
  return ids.map((id, i) => (
    <span key={`${i}-${id}`}>
      {i > 0 && ", "}
      <Link href={itemHref(kind, id)} className="underline decoration-dotted hover:decoration-solid">
        {id}
      </Link>
    </span>
  ));
}

/** The ids the agent reported using that the pack does not hold, each linking to its page. */
export function MissingItems({ memories, chunks }: { memories: readonly string[]; chunks: readonly string[] }) {
  const missing = memories.length + chunks.length;
  if (missing === 0) return null;
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 px-2 py-1 text-xs text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200">
      <strong>Used but not in the pack ({missing}):</strong>
      {memories.length > 0 && (
        <span>
          {" "}
          memories <IdLinks kind="memory" ids={memories} />
        </span>
      )}
      {memories.length > 0 && chunks.length > 0 && ";"}
      {chunks.length > 0 && (
        <span>
          {" "}
          chunks <IdLinks kind="chunk" ids={chunks} />
        </span>
      )}
    </div>
  );
}
