"use client";

import { useSyncExternalStore } from "react";
import { segment } from "@/components/segment";

// How the lists show times, chosen per browser: "auto" lets each page pick (relative while
// those labels tell its rows apart, else absolute UTC); "relative" and "absolute" force one.

export type TimeMode = "auto" | "relative" | "absolute";
const KEY = "atocore-audit:time-mode";
const MODES: { mode: TimeMode; label: string }[] = [
  { mode: "auto", label: "Auto" },
  { mode: "relative", label: "Ago" },
  { mode: "absolute", label: "UTC" },
];

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}
function storedMode(): TimeMode {
  const v = localStorage.getItem(KEY);
  return v === "relative" || v === "absolute" ? v : "auto";
}
function setMode(mode: TimeMode) {
  localStorage.setItem(KEY, mode);
  for (const l of listeners) l();
}

export function useTimeMode(): TimeMode {
  return useSyncExternalStore(subscribe, storedMode, () => "auto");
}

/** A row's time: the page's choice (or the reader's), the exact UTC instant on hover. */
export function ListTime({ iso, utc, relative, absolute, auto }: { iso: string; utc: string; relative: string; absolute: string; auto: "relative" | "absolute" }) {
  const mode = useTimeMode();
  const shown = (mode === "auto" ? auto : mode) === "absolute" ? absolute : relative;
  return (
    <time dateTime={iso} title={utc} className="tabular-nums">
      {shown}
    </time>
  );
}

/** The reader's choice of time style, remembered in this browser. */
export function TimeModeToggle() {
  const mode = useTimeMode();
  return (
    <span className="inline-flex items-center gap-1 text-xs text-zinc-500">
      Times
      <span role="group" aria-label="Times" className="flex overflow-hidden rounded border border-zinc-300 text-zinc-800 dark:border-zinc-700 dark:text-zinc-200">
        {MODES.map((m) => (
          <button key={m.mode} type="button" className={segment(mode === m.mode)} aria-pressed={mode === m.mode} onClick={() => setMode(m.mode)}>
            {m.label}
          </button>
        ))}
      </span>
    </span>
  );
}
