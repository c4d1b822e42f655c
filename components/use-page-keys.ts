"use client";

import { useEffect, useRef } from "react";

/** Whether a key event lands in a field the reviewer is typing in (keys then stay text). */
export function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/**
 * A page's single-key actions: `onKey` gets each unmodified key pressed outside a field and
 * answers whether it acted (the key's default is then prevented). The latest `onKey` is used,
 * so it may close over state; the listener is registered once while `enabled`.
 */
export function usePageKeys(enabled: boolean, onKey: (key: string) => boolean) {
  const latest = useRef(onKey);
  useEffect(() => {
    latest.current = onKey;
  });
  useEffect(() => {
    if (!enabled) return;
    function listener(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey || typingIn(e.target)) return;
      if (latest.current(e.key)) e.preventDefault();
    }
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, [enabled]);
}
