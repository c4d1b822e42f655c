"use client";

/** "Go to turn N": moves to the turn's anchor, so back/forward and shared links work. */
export function JumpToTurn({ turns }: { turns: number }) {
  return (
    <form
      className="flex gap-1 text-xs"
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number(new FormData(e.currentTarget).get("turn"));
        if (Number.isInteger(n) && n >= 1 && n <= turns) window.location.hash = `turn-${n}`;
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
