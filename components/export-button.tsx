import { searchParamsToObject, type SearchParamsInput } from "@/lib/interactions/schema";

const FORMATS = [
  { format: "jsonl", label: "JSONL", title: "Every field, one JSON object per line" },
  { format: "csv", label: "CSV", title: "For spreadsheets: lists and the pack as JSON text" },
] as const;

/**
 * Download links for everything the current filters match (GET /api/interactions/export).
 * Plain links: the browser streams the file to disk, whatever its size. Paging parameters
 * are left out because an export is never paged.
 */
export function ExportButton({ searchParams }: { searchParams: SearchParamsInput }) {
  const { limit: _limit, cursor: _cursor, after: _after, at: _at, format: _format, ...filters } = searchParamsToObject(searchParams);
  return (
    <div className="inline-flex items-center gap-1 text-sm" role="group" aria-label="Export the filtered interactions">
      <span className="text-zinc-600 dark:text-zinc-400">Export</span>
      {FORMATS.map(({ format, label, title }) => (
        <a
          key={format}
          href={`/api/interactions/export?${new URLSearchParams({ ...filters, format })}`}
          download
          title={title}
          className="rounded border border-zinc-300 px-2 py-0.5 font-medium hover:bg-zinc-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          {label}
        </a>
      ))}
    </div>
  );
}
