"use client";

import { useEffect } from "react";
import { goToTurn, turnFromHash } from "@/components/sessions/go-to-turn";

/**
 * "Go to turn N", and the #turn-N anchor of the address: both land on turn N exactly, in
 * the loaded windows or by loading the window that holds it. The anchor is kept in the
 * address, so back/forward and shared links work.
 */
export function JumpToTurn({ turns }: { turns: number }) {
  useEffect(() => {
    const follow = () => {
      const n = turnFromHash(window.location.hash);
      if (n !== null) goToTurn(n, turns);
    };
    follow();
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, [turns]);
  return (
    <form
      className="flex gap-1 text-xs"
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number(new FormData(e.currentTarget).get("turn"));
        if (!Number.isInteger(n) || n < 1 || n > turns) return;
        // The same anchor again fires no hashchange: move there directly.
        if (window.location.hash === `#turn-${n}`) goToTurn(n, turns);
        else window.location.hash = `turn-${n}`;
      }}
    >
      <label className="flex items-center gap-1">
        Go to turn
        <input
          name="turn"
          type="number"
          min={1}
          max={turns}
          required
          className="w-16 rounded border border-zinc-300 bg-white px-1 py-0.5 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      <button className="rounded border border-zinc-300 px-2 dark:border-zinc-700">Go</button>
    </form>
  );
}
