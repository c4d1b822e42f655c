"use client";

import { useSyncExternalStore } from "react";

// dateStyle/timeStyle cannot be combined with timeZoneName, hence the separate fields.
const FORMAT: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "short",
};
const noSubscribe = () => () => {};

/** An instant in the reader's own time zone. The server cannot know it, so it renders after hydration. */
export function LocalTime({ iso }: { iso: string }) {
  const text = useSyncExternalStore(
    noSubscribe,
    () => new Date(iso).toLocaleString(undefined, FORMAT),
    () => null,
  );
  return <time dateTime={iso}>{text ?? "…"}</time>;
}
