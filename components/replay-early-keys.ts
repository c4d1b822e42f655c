"use client";

type Taker = (keys: string[]) => string[];

/**
 * Takes the keys among `keys` pressed before hydration (components/early-keys.tsx stops
 * recording them) and presses them again, in order, now that the caller's listener is there.
 */
export function replayEarlyKeys(keys: string[]): void {
  const take = (window as { __atocoreEarlyKeys?: Taker }).__atocoreEarlyKeys;
  for (const key of take?.(keys) ?? []) document.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
}
