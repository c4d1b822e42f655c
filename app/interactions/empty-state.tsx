import Link from "next/link";
import { CopyButton } from "@/components/copy-button";
import type { ListParams } from "@/components/list-href";
import { FILTER_PARAMS } from "@/lib/interactions/schema";
import { authDisabled } from "@/lib/auth/auth-disabled";

/** Nothing matched: name the filters in force, or, on a new database, how to record a first turn. */
export function EmptyState({ params, databaseEmpty, origin }: { params: ListParams; databaseEmpty: boolean; origin: string }) {
  if (databaseEmpty) {
    const fields = {
      prompt: "How do I rotate the API keys?",
      response: "Run keys rotate, then restart the workers.",
      project: "demo",
      client: "manual",
      session_id: "demo-session-1",
      memories_used: ["mem-1"],
      context_pack: { memories: [{ id: "mem-1", text: "Keys rotate monthly" }, { id: "mem-2", text: "Workers restart nightly" }] },
    };
    // One field a line: readable, and still one JSON document inside the shell's quotes.
    const body = `{\n${Object.entries(fields).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(",\n")}\n  }`;
    // Captures need a token with the capture scope unless access control is off.
    const needsToken = !authDisabled();
    const auth = needsToken ? `  -H "Authorization: Bearer $ATOCORE_AUDIT_TOKEN" \\\n` : "";
    const curl = `curl -s -X POST ${origin}/api/interactions \\\n${auth}  -H 'Content-Type: application/json' \\\n  -d '${body}'`;
    return (
      <section className="rounded border border-dashed border-zinc-300 p-4 text-sm dark:border-zinc-700" data-testid="empty-database">
        <h2 className="font-semibold">No interactions recorded yet</h2>
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">
          Record a first one against this server, then reload
          {needsToken && (
            <>
              {" "}
              (with <code className="font-mono text-xs">ATOCORE_AUDIT_TOKEN</code> set to a token with the capture scope, e.g. from{" "}
              <code className="font-mono text-xs">npm run token -- create --name first --scope capture</code>)
            </>
          )}
          :
        </p>
        <div className="mt-2 flex items-start gap-2">
          <pre tabIndex={0} aria-label="The curl command" className="min-w-0 flex-1 overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-900">{curl}</pre>
          <CopyButton text={curl} />
        </div>
        <p className="mt-3 text-zinc-600 dark:text-zinc-400" data-testid="demo-hint">
          Or, to look around first, fill this database with a few thousand generated turns (project{" "}
          <code className="font-mono text-xs">demo</code>: long sessions, large context packs) by running{" "}
          <code className="font-mono text-xs">npm run demo</code> where the server runs, then reload.
        </p>
      </section>
    );
  }
  const inForce = FILTER_PARAMS.filter((k) => params[k]);
  return (
    <section className="rounded border border-dashed border-zinc-300 p-4 text-sm dark:border-zinc-700" data-testid="no-matches">
      <h2 className="font-semibold">No interactions match these filters</h2>
      {inForce.length > 0 && (
        <ul className="mt-1 font-mono text-xs text-zinc-600 dark:text-zinc-400">
          {inForce.map((k) => (
            <li key={k}>
              {k} = {params[k]}
            </li>
          ))}
        </ul>
      )}
      <Link href="/interactions" className="mt-2 inline-block text-sky-700 hover:underline dark:text-sky-400">
        Clear filters
      </Link>
    </section>
  );
}
