"use client";

import { useState } from "react";
import { Highlight } from "@/components/highlight";
import { formatCount } from "@/lib/format-count";

const FOLD_LINES = 16;
const FOLD_CHARS = 1500;

/**
 * Text with its line breaks kept (never parsed as HTML); long texts fold behind "show all".
 * `cut`: the text is the start of a longer one (the page links to the rest).
 */
export function FoldableText({ text, className = "", query, cut = false }: { text: string; className?: string; query?: string; cut?: boolean }) {
  const [all, setAll] = useState(false);
  const lines = text.split("\n");
  const long = lines.length > FOLD_LINES || text.length > FOLD_CHARS;
  const shown = all || !long ? text : lines.slice(0, FOLD_LINES).join("\n").slice(0, FOLD_CHARS);
  return (
    <div className={className}>
      <pre className="whitespace-pre-wrap break-words font-sans text-sm leading-6">
        <Highlight text={shown} query={query} />
        {!all && long && <span className="text-zinc-500">…</span>}
      </pre>
      {long && (
        <button type="button" onClick={() => setAll(!all)} className="mt-1 text-xs text-sky-700 hover:underline dark:text-sky-400">
          {all ? "Show less" : cut ? `Show the first ${formatCount(text.length)} characters` : `Show all (${formatCount(lines.length)} lines, ${formatCount(text.length)} characters)`}
        </button>
      )}
    </div>
  );
}
