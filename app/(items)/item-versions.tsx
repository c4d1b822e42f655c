import Link from "next/link";
import { formatCount } from "@/lib/format-count";
import { findItem, interactionsByVersion } from "@/lib/memory-audit/items";
import type { ItemKind, ItemVersionView } from "@/lib/memory-audit/schema";
import { versionText, wordDiff } from "@/lib/memory-audit/word-diff";

// The drift of one memory or chunk: its versions oldest first (first/last seen, how many
// interactions saw each), what changed from the one before, word by word, and the newest
// interactions under each. Everything is rendered as text.

const VERSIONS_SHOWN = 20;
const INTERACTIONS_PER_VERSION = 5;
const link = "font-mono text-sky-700 hover:underline dark:text-sky-400";

function Diff({ before, after }: { before: string; after: string }) {
  return (
    <pre className="overflow-x-auto rounded border border-zinc-200 bg-zinc-50 p-2 text-xs whitespace-pre-wrap break-words dark:border-zinc-800 dark:bg-zinc-900" data-testid="version-diff">
      {wordDiff(before, after).map((s, i) =>
        s.op === "added" ? (
          <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline dark:bg-emerald-900/50 dark:text-emerald-100">
            {s.text}
          </ins>
        ) : s.op === "removed" ? (
          // A gap after a removal, so that a word replaced by another does not read as one word with it.
          <del key={i} className="mr-1 bg-rose-100 text-rose-900 dark:bg-rose-900/50 dark:text-rose-100">
            {s.text}
          </del>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </pre>
  );
}

function Version({ v, n, previous, interactions }: { v: ItemVersionView; n: number; previous: ItemVersionView | null; interactions: { id: string; created_at: string; project: string }[] }) {
  return (
    <li className="space-y-1 border-l-2 border-sky-500/60 pl-3" data-testid="item-version">
      <p className="text-sm">
        <span className="font-semibold">Version {formatCount(n)}</span>{" "}
        <span className="text-xs text-zinc-600 dark:text-zinc-400">
          first seen {v.first_seen.replace("T", " ").slice(0, 19)} · last seen {v.last_seen.replace("T", " ").slice(0, 19)} ·{" "}
          <span data-testid="version-interactions">{formatCount(v.interactions)}</span> interaction{v.interactions === 1 ? "" : "s"}
        </span>
      </p>
      {previous ? (
        <Diff before={versionText(previous.content)} after={versionText(v.content)} />
      ) : (
        <pre className="overflow-x-auto rounded border border-zinc-200 bg-zinc-50 p-2 text-xs whitespace-pre-wrap break-words dark:border-zinc-800 dark:bg-zinc-900">
          {versionText(v.content)}
        </pre>
      )}
      <ul className="flex flex-wrap gap-x-3 text-xs" aria-label={`Interactions under version ${n}`}>
        {interactions.map((i) => (
          <li key={i.id}>
            <Link className={link} href={`/interactions/${i.id}`}>
              {i.id.slice(0, 8)}
            </Link>{" "}
            <span className="text-zinc-500">{i.created_at.slice(0, 16).replace("T", " ")}</span>
          </li>
        ))}
        {v.interactions > interactions.length && <li className="text-zinc-500">and {formatCount(v.interactions - interactions.length)} more</li>}
      </ul>
    </li>
  );
}

export async function ItemVersions({ kind, itemId }: { kind: ItemKind; itemId: string }) {
  const item = await findItem(kind, itemId);
  if (!item || item.versions.length === 0) {
    return (
      <section aria-label="Versions">
        <h2 className="mb-1 text-sm font-semibold">Versions</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No pack carried it.</p>
      </section>
    );
  }
  const all = item.versions;
  const first = Math.max(0, all.length - VERSIONS_SHOWN);
  const shown = all.slice(first);
  const interactions = await interactionsByVersion(shown.map((v) => v.id), INTERACTIONS_PER_VERSION);
  const offset = item.version_count - all.length;
  return (
    <section aria-label="Versions" className="space-y-2">
      <h2 className="text-sm font-semibold">
        Versions <span className="font-normal text-zinc-600 tabular-nums dark:text-zinc-400" data-testid="version-count">{formatCount(item.version_count)}</span>
        <span className="ml-3 text-xs font-normal text-zinc-600 dark:text-zinc-400">
          offered {formatCount(item.offered)}× · used {formatCount(item.used)}× · used unoffered {formatCount(item.used_unoffered)}×
        </span>
      </h2>
      {first > 0 && <p className="text-xs text-zinc-500">The {formatCount(first + offset)} older versions are not shown.</p>}
      <ol className="space-y-3">
        {shown.map((v, i) => (
          <Version key={v.id} v={v} n={offset + first + i + 1} previous={first + i > 0 ? all[first + i - 1] : null} interactions={interactions.get(v.id) ?? []} />
        ))}
      </ol>
    </section>
  );
}
