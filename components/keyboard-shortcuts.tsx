"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useSyncExternalStore } from "react";
import { takeEarlyKeys } from "@/components/replay-early-keys";
import { typingIn } from "@/components/use-page-keys";

// Site-wide keys: "/" focuses the page's search box (the element marked data-shortcut-filter),
// Esc leaves a text box, or else goes back to the list the reader came from.

const LIST_URL_KEY = "atocore-audit:list-url";

/** Called by list pages, so "back to the list" returns to the same filters and page. */
export function rememberListUrl() {
  sessionStorage.setItem(LIST_URL_KEY, location.pathname + location.search);
}

function storedListUrl(): string | null {
  return sessionStorage.getItem(LIST_URL_KEY);
}

/** The remembered list URL (after hydration), else the fallback. */
export function useListUrl(fallback = "/interactions"): string {
  return useSyncExternalStore(noSubscribe, () => storedListUrl() ?? fallback, () => fallback);
}
const noSubscribe = () => () => {};

export function KeyboardShortcuts() {
  const router = useRouter();
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const el = e.target instanceof HTMLElement ? e.target : null;
      const typing = typingIn(el);
      if (e.key === "/" && !typing) {
        if (focusFilterBox()) e.preventDefault();
      } else if (e.key === "Escape") {
        if (typing) {
          el?.blur();
          return;
        }
        const back = document.querySelector<HTMLAnchorElement>("a[data-shortcut-back]");
        if (back) {
          e.preventDefault();
          router.push(back.getAttribute("href")!);
        }
      }
    }
    document.addEventListener("keydown", onKey);
    const stopWaiting = takeEarlyKeys(["/"]).length ? focusFilterBoxOnceShown() : undefined;
    return () => {
      document.removeEventListener("keydown", onKey);
      stopWaiting?.();
    };
  }, [router]);
  return null;
}

/** Focuses the page's search box; false when there is none that can take focus. */
function focusFilterBox(): boolean {
  for (const box of document.querySelectorAll<HTMLInputElement>("[data-shortcut-filter]:not([disabled])")) {
    box.focus();
    if (document.activeElement !== box) continue; // hidden: a streamed part not yet revealed
    box.select();
    return true;
  }
  return false;
}

// This layout-wide listener hydrates before the page's streamed parts are revealed, so a "/"
// pressed while the page loaded may find its search box still hidden, or not yet sent. It waits
// for the box, until the reader presses a key or clicks, or for at most 10 s.
function focusFilterBoxOnceShown(): () => void {
  if (focusFilterBox()) return () => {};
  const observer = new MutationObserver(() => {
    if (focusFilterBox()) stop();
  });
  const timer = setTimeout(() => stop(), 10_000);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener("keydown", stop, true);
    document.removeEventListener("pointerdown", stop, true);
  }
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden", "disabled", "style", "class"] });
  document.addEventListener("keydown", stop, true);
  document.addEventListener("pointerdown", stop, true);
  return stop;
}

/** "← Interactions": back to the list as it was left (marked for Esc). */
export function BackToList({ label = "Interactions", fallback = "/interactions" }: { label?: string; fallback?: string }) {
  const href = useListUrl(fallback);
  return (
    <Link href={href} data-shortcut-back className="text-sm text-sky-700 hover:underline dark:text-sky-400">
      ← {label}
    </Link>
  );
}
