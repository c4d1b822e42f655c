import Link from "next/link";
import type { ReactNode } from "react";
import type { HrefFor, ListParams } from "@/components/list-href";
import { JumpToTime } from "@/components/jump-to-time";
import { segment } from "@/components/segment";
import { formatCount } from "@/lib/format-count";
import type { ListPosition } from "@/lib/interactions/find-list-position";

export const PAGE_SIZES = [25, 50, 100] as const;

const pagerLink = "rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";
const pagerOff = "rounded border border-zinc-200 px-2 py-0.5 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400";

type Props = {
  params: ListParams;
  href: HrefFor;
  limit: number;
  page: { newer_cursor: string | null; next_cursor: string | null };
  /** Where this page sits, when the list knows ("rows 2,451–2,500 of 200,000"). */
  position?: ListPosition | null;
  /** The list's path, for jumping by time. */
  basePath: string;
  /** Shown first, at the left (a keyboard hint). */
  children?: ReactNode;
};

/** A list's page controls: page size, then Newer / Older by cursor (a link only where there is a page). */
export function Pager({ params, href, limit, page, position, basePath, children }: Props) {
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-end gap-2 text-sm">
      {children}
      {position && (
        <span className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400" data-testid="list-position">
          rows {formatCount(position.first)}–{formatCount(position.last)} of {formatCount(position.total)}
        </span>
      )}
      <JumpToTime basePath={basePath} params={params} />
      <span className="flex overflow-hidden rounded border border-zinc-300 dark:border-zinc-700" aria-label="Per page">
        {PAGE_SIZES.map((n) => (
          <Link key={n} href={href(params, { limit: String(n) })} className={segment(limit === n)} aria-current={limit === n ? "true" : undefined}>
            {n}
          </Link>
        ))}
      </span>
      <span className="text-xs text-zinc-500">per page</span>
      {page.newer_cursor ? (
        <Link href={href(params, { after: page.newer_cursor })} className={pagerLink} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span className={pagerOff}>← Newer</span>
      )}
      {page.next_cursor ? (
        <Link href={href(params, { cursor: page.next_cursor })} className={pagerLink} rel="next">
          Older →
        </Link>
      ) : (
        <span className={pagerOff}>Older →</span>
      )}
    </nav>
  );
}
