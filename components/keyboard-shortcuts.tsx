"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useSyncExternalStore } from "react";
import { replayEarlyKeys } from "@/components/replay-early-keys";
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
        const box = document.querySelector<HTMLInputElement>("[data-shortcut-filter]:not([disabled])");
        if (box) {
          e.preventDefault();
          box.focus();
          box.select();
        }
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
    replayEarlyKeys(["/"]);
    return () => document.removeEventListener("keydown", onKey);
  }, [router]);
  return null;
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
