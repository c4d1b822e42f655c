"use client";

import { useRouter } from "next/navigation";
import { listHrefFor, type ListParams } from "@/components/list-href";

/** Jump by time: the list's page holding an instant (UTC), through the `at` parameter. */
export function JumpToTime({ basePath, params }: { basePath: string; params: ListParams }) {
  const router = useRouter();
  return (
    <form
      className="flex items-center gap-1 text-xs text-zinc-500"
      onSubmit={(e) => {
        e.preventDefault();
        const value = String(new FormData(e.currentTarget).get("at") ?? "");
        // datetime-local has no zone; the list's times are UTC.
        if (value) router.push(listHrefFor(basePath)(params, { at: `${value}Z` }));
      }}
    >
      <label className="flex items-center gap-1">
        Jump to time (UTC)
        <input
          name="at"
          type="datetime-local"
          step={1}
          required
          className="rounded border border-zinc-300 bg-white px-1 py-0.5 text-xs text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200"
        />
      </label>
      <button type="submit" className="rounded border border-zinc-300 px-2 py-0.5 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        Go
      </button>
    </form>
  );
}
