import type { Metadata } from "next";
import { findInteractions } from "@/lib/interactions/find-interactions";
import { parseListQuery } from "@/lib/interactions/schema";

export const metadata: Metadata = { title: "Interactions" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InteractionsPage({ searchParams }: Props) {
  const parsed = parseListQuery(await searchParams);
  if (!parsed.success) {
    return <p role="alert">These filters are not valid: {parsed.error.issues.map((i) => i.message).join("; ")}</p>;
  }
  const { interactions } = await findInteractions(parsed.data);
  return (
    <section>
      <h1 className="mb-3 text-lg font-semibold">Interactions</h1>
      {interactions.length === 0 ? (
        <p>No interactions recorded yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
          {interactions.map((i) => (
            <li key={i.id} className="py-2">
              <time dateTime={i.created_at} className="mr-3 font-mono text-xs text-zinc-500">
                {i.created_at}
              </time>
              <span className="mr-3 text-zinc-500">{i.project || "—"}</span>
              <span>{i.prompt.split("\n")[0]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
