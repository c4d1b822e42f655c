"use client";

import { useState } from "react";
import { ContextPackViewer } from "@/components/context-pack/context-pack-viewer";
import styles from "@/components/sessions/transcript.module.css";
import { formatCount } from "@/lib/format-count";

type Props = { interactionId: string; memoriesUsed: string[]; chunksUsed: string[]; pack: { items: number; used: number; offered: number } };
type Loaded = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; pack: Record<string, unknown> };

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * The memories / chunks counts of a turn and its pack's size. Either chip expands the turn's
 * context pack in place, in the detail page's viewer with its used / offered marks; the pack
 * is fetched only then, so the transcript carries no packs.
 */
export function ContextChips({ interactionId, memoriesUsed, chunksUsed, pack }: Props) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  async function toggle() {
    setOpen(!open);
    if (loaded?.status === "ready" || loaded?.status === "loading") return;
    setLoaded({ status: "loading" });
    try {
      const res = await fetch(`/api/interactions/${encodeURIComponent(interactionId)}`);
      if (!res.ok) throw new Error(`the server answered ${res.status}`);
      const body = (await res.json()) as { context_pack: Record<string, unknown> };
      setLoaded({ status: "ready", pack: body.context_pack });
    } catch (err) {
      setLoaded({ status: "error", message: err instanceof Error ? err.message : String(err) });
    }
  }

  const panelId = `pack-${interactionId}`;
  return (
    <div>
      <div className="flex flex-wrap items-center gap-1">
        <button type="button" className={styles.chip} aria-expanded={open} aria-controls={panelId} onClick={toggle}>
          {plural(memoriesUsed.length, "memory", "memories")}
        </button>
        <button type="button" className={styles.chip} aria-expanded={open} aria-controls={panelId} onClick={toggle}>
          {plural(chunksUsed.length, "chunk", "chunks")}
        </button>
        <span className={styles.muted} data-testid="pack-size">{`pack: ${plural(pack.items, "item", "items")}, ${pack.used} used, ${pack.offered} offered`}</span>
      </div>
      {open && (
        <div id={panelId} className="mt-2 rounded border border-zinc-200 p-2 dark:border-zinc-800" data-testid="context-pack-panel">
          {loaded?.status === "ready" ? (
            <ContextPackViewer pack={loaded.pack} memoriesUsed={memoriesUsed} chunksUsed={chunksUsed} openDepth={3} />
          ) : loaded?.status === "error" ? (
            <p role="alert" className="text-xs text-rose-700 dark:text-rose-300">The context pack could not be loaded: {loaded.message}</p>
          ) : (
            <p className="text-xs text-zinc-500">Loading the context pack…</p>
          )}
        </div>
      )}
    </div>
  );
}
