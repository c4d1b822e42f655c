"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { replayEarlyKeys } from "@/components/replay-early-keys";
import { typingIn } from "@/components/use-page-keys";

/**
 * The lists' keys: j/k move the selection through the rows of `body`, Enter opens the selected
 * row's href. Rows must be focusable (tabIndex 0) and call setSelected on focus.
 */
export function useRowKeys(hrefs: string[]) {
  const router = useRouter();
  const [selected, setSelected] = useState(-1);
  const body = useRef<HTMLTableSectionElement>(null);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey || e.ctrlKey || e.metaKey || typingIn(e.target)) return;
      const trs = body.current?.querySelectorAll<HTMLTableRowElement>(":scope > tr");
      if (!trs?.length) return;
      const focused = [...trs].findIndex((tr) => tr === document.activeElement);
      const at = focused >= 0 ? focused : selected;
      let next = at;
      if (e.key === "j") next = Math.min(trs.length - 1, at + 1);
      else if (e.key === "k") next = Math.max(0, at - 1);
      else if (e.key === "Enter" && at >= 0 && (focused >= 0 || document.activeElement === document.body)) {
        e.preventDefault();
        router.push(hrefs[at]);
        return;
      } else return;
      e.preventDefault();
      setSelected(next);
      trs[next].focus();
      trs[next].scrollIntoView({ block: "nearest" });
    }
    document.addEventListener("keydown", onKey);
    replayEarlyKeys(["j", "k"]);
    return () => document.removeEventListener("keydown", onKey);
  }, [router, hrefs, selected]);

  return { body, selected, setSelected };
}
