import Link from "next/link";
import { sessionsHref } from "@/app/sessions/search-params";
import type { ListParams } from "@/components/list-href";
import { formatCount } from "@/lib/format-count";
import type { SessionList, SessionSort } from "@/lib/sessions/schema";

const SORTS: { sort: SessionSort["sort"]; label: string }[] = [
  { sort: "last_active", label: "Last active" },
  { sort: "turns", label: "Turns" },
  { sort: "span", label: "Span" },
];

/** "1,234 sessions", or "≈12,000 sessions" when counted from a sample. */
export function sessionCountLabel({ count, estimated }: SessionList["total"]): string {
  const n = estimated ? `≈${count.toLocaleString("en-US", { maximumSignificantDigits: 2 })}` : formatCount(count);
  return `${n} ${count === 1 && !estimated ? "session" : "sessions"}`;
}

/** The list's orders as links: the current one shows its direction and turns it round. */
export function SessionSortLinks({ params, sort }: { params: ListParams; sort: SessionSort }) {
  return (
    <nav aria-label="Sort sessions" className="flex flex-wrap items-baseline gap-2 text-sm">
      <span className="text-zinc-600 dark:text-zinc-400">Sort:</span>
      {SORTS.map(({ sort: s, label }) => {
        const current = s === sort.sort;
        const order = current && sort.order === "desc" ? "asc" : "desc";
        const href = sessionsHref(params, { sort: s === "last_active" ? undefined : s, order: order === "desc" ? undefined : order });
        return (
          <Link
            key={s}
            href={href}
            aria-current={current ? "true" : undefined}
            data-testid={`sort-${s}`}
            className={current ? "font-semibold text-zinc-900 dark:text-zinc-100" : "text-sky-700 hover:underline dark:text-sky-400"}
          >
            {label}
            {current ? (sort.order === "desc" ? " ↓" : " ↑") : ""}
          </Link>
        );
      })}
    </nav>
  );
}
