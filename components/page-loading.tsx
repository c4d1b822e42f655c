// Shown while a page's queries run (a large database, or a slow one), instead of a blank tab.
// Only segments with no notFound() below them use it: under a loading boundary the answer's
// status is sent before the page runs, so a not-found page would answer 200 instead of 404.
export function PageLoading() {
  return (
    <section aria-busy="true" aria-live="polite" className="space-y-3 py-6">
      <p className="text-sm text-zinc-500">Loading…</p>
      <div className="h-4 w-2/3 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-4 w-1/2 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-4 w-3/5 animate-pulse rounded bg-zinc-200 dark:bg-zinc-800" />
    </section>
  );
}
