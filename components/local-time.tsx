"use client";

import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

/** An instant in the reader's own time zone. The server cannot know it, so it renders after hydration. */
export function LocalTime({ iso }: { iso: string }) {
  const text = useSyncExternalStore(
    noSubscribe,
    () => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium", timeZoneName: "short" }),
    () => null,
  );
  return <time dateTime={iso}>{text ?? "…"}</time>;
}
