import { REVIEW_FILTERS } from "@/lib/reviews/verdicts";

const field = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900 min-w-0";

/** The lists' review filters (`review`, `label`), inside a filters form that submits on change. */
export function ReviewFilterFields({ review, label, labels }: { review: string; label: string; labels: readonly string[] }) {
  const submit = (e: React.ChangeEvent<HTMLSelectElement>) => e.currentTarget.form?.requestSubmit();
  return (
    <>
      <label className="flex min-w-0 flex-col text-xs text-zinc-500">
        Review
        <select name="review" defaultValue={review} className={field} onChange={submit}>
          <option value="">Any review</option>
          {REVIEW_FILTERS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-w-0 flex-col text-xs text-zinc-500">
        Label
        <select name="label" defaultValue={label} className={field} onChange={submit}>
          <option value="">Any label</option>
          {[...new Set([...labels, ...(label ? [label] : [])])].map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
