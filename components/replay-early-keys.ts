"use client";

type Taker = (keys: string[]) => string[];

/**
 * The keys among `keys` pressed before hydration, in order; components/early-keys.tsx stops
 * recording them, since the caller's listener is there now.
 */
export function takeEarlyKeys(keys: string[]): string[] {
  return (window as { __atocoreEarlyKeys?: Taker }).__atocoreEarlyKeys?.(keys) ?? [];
}

/** Presses the keys among `keys` pressed before hydration again, in order. */
export function replayEarlyKeys(keys: string[]): void {
  for (const key of takeEarlyKeys(keys)) document.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
}
