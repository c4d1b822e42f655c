"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition, useEffect, useState } from "react";

type Cause = "checking" | "database" | "other";

// What a page threw reaches the browser without its message (Next.js keeps server errors on
// the server), so the page asks /api/health whether the database is the cause.
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [cause, setCause] = useState<Cause>("checking");
  useEffect(() => {
    let live = true;
    fetch("/api/health", { cache: "no-store" })
      .then((res) => live && setCause(res.status === 503 ? "database" : "other"))
      .catch(() => live && setCause("other"));
    return () => {
      live = false;
    };
  }, [error]);
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <section role="alert" className="space-y-2 py-8 text-center">
      <p className="font-mono text-sm text-zinc-500">{cause === "database" ? "503" : "error"}</p>
      <h1 className="text-lg font-semibold">
        {cause === "database" ? "The database is unavailable" : "This page could not be shown"}
      </h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {cause === "database"
          ? "atocore-audit cannot reach its database right now. Nothing already recorded is lost; try again in a moment."
          : "The server failed while preparing this page. It has been logged."}
        {error.digest ? <span className="block font-mono text-xs">reference {error.digest}</span> : null}
      </p>
      <p className="space-x-4 text-sm">
        <button type="button" onClick={retry} className="text-sky-700 hover:underline dark:text-sky-400">
          Try again
        </button>
        <Link href="/interactions" className="text-sky-700 hover:underline dark:text-sky-400">
          ← Back to the interactions
        </Link>
      </p>
    </section>
  );
}
