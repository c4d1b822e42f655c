import type { ListQueryIssue } from "@/lib/interactions/schema";

/** The URL's filters that did not parse: the list ignores them and says so. */
export function FilterIssues({ issues }: { issues: ListQueryIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div role="alert" data-testid="filter-issues" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
      <p className="font-medium">Some filters in the URL were not understood and are ignored:</p>
      <ul className="list-disc pl-5">
        {issues.map((i) => (
          <li key={i.param + i.message}>
            <code>{i.param}</code>: {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
