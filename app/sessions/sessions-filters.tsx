import Link from "next/link";
import { FILTER_KEYS, PAGE_SIZES, sessionsHref } from "@/app/sessions/search-params";

const PRESETS = [
  ["Last hour", 3_600_000],
  ["24 h", 86_400_000],
  ["7 days", 7 * 86_400_000],
  ["30 days", 30 * 86_400_000],
] as const;

const input =
  "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900 w-full sm:w-40";

/** The filters as a plain GET form: every filter lives in the URL and works without JavaScript. */
export function SessionsFilters({ params, now }: { params: Record<string, string>; now: number }) {
  const active = FILTER_KEYS.some((k) => params[k]);
  return (
    <div className="mb-3 space-y-2">
      <form method="get" action="/sessions" className="flex flex-wrap items-end gap-2" aria-label="Filters">
        <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          search
          <input type="search" name="q" defaultValue={params.q ?? ""} className={input} placeholder='words, "a phrase", prefix*' />
        </label>
        {(["project", "client"] as const).map((name) => (
          <label key={name} className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
            {name}
            <input name={name} defaultValue={params[name] ?? ""} className={input} placeholder="any" />
          </label>
        ))}
        {(["since", "until"] as const).map((name) => (
          <label key={name} className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
            {name}
            <input name={name} defaultValue={params[name] ?? ""} className={input} placeholder="2026-11-25 or ISO" />
          </label>
        ))}
        <label className="flex flex-col text-xs text-zinc-600 dark:text-zinc-400">
          per page
          <select name="limit" defaultValue={params.limit ?? "50"} className={input}>
            {PAGE_SIZES.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button className="rounded bg-zinc-900 px-3 py-1 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900">Apply</button>
        {active && (
          <Link href="/sessions" className="py-1 text-sm text-blue-700 underline dark:text-blue-400">
            Clear filters
          </Link>
        )}
      </form>
      <nav aria-label="Time presets" className="flex flex-wrap gap-1 text-xs">
        {PRESETS.map(([label, ms]) => (
          <Link
            key={label}
            href={sessionsHref(params, { since: new Date(now - ms).toISOString(), until: undefined })}
            className="rounded-full border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            {label}
          </Link>
        ))}
        <Link
          href={sessionsHref(params, { since: undefined, until: undefined })}
          className="rounded-full border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          All time
        </Link>
      </nav>
    </div>
  );
}
