"use client";

import { useState } from "react";
import { PackDiffEntries } from "@/components/sessions/pack-diff-entries";
import type { InteractionPackDiff, PackDiffItem } from "@/lib/sessions/schema";
import styles from "@/components/sessions/transcript.module.css";

type Loaded = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; items: PackDiffItem[] };

/**
 * A long pack diff in a transcript: its counts, and its entries fetched from
 * GET /api/interactions/{id}/pack-diff when opened, so a window of turns carries counts only.
 */
export function PackDiffDetails({ interactionId, summary, counts }: { interactionId: string; summary: string; counts: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  async function load() {
    setLoaded({ status: "loading" });
    try {
      const res = await fetch(`/api/interactions/${encodeURIComponent(interactionId)}/pack-diff`);
      if (!res.ok) throw new Error(`the server answered ${res.status}`);
      const body = (await res.json()) as InteractionPackDiff;
      setLoaded({ status: "ready", items: body.pack_diff?.items ?? [] });
    } catch (err) {
      setLoaded({ status: "error", message: err instanceof Error ? err.message : String(err) });
    }
  }

  return (
    <details data-testid="pack-diff" className="text-xs" onToggle={(e) => e.currentTarget.open && (loaded === null || loaded.status === "error") && void load()}>
      <summary className="cursor-pointer text-zinc-500">
        <span className="font-medium">{summary}</span>
        {counts}
      </summary>
      {loaded?.status === "ready" ? (
        <PackDiffEntries items={loaded.items} />
      ) : loaded?.status === "error" ? (
        <p role="alert" className="text-rose-700 dark:text-rose-300">{`The changes could not be loaded: ${loaded.message}`}</p>
      ) : (
        <p className={styles.muted}>Loading the changes…</p>
      )}
    </details>
  );
}
