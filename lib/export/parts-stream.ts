import { log } from "@/lib/log";

/**
 * A byte stream pulling one text part at a time from a generator: a slow reader holds one
 * part (a turn) in memory, never the whole answer.
 */
export function partsStream(parts: AsyncGenerator<string>, what: Record<string, string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // The client went away while a part was being made: that part has nowhere to go.
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await parts.next();
          if (cancelled) return;
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          if (cancelled) return;
          // The status line is already sent: all that is left is to cut the answer short.
          log.error("stream_failed", { ...what, error: err instanceof Error ? err.message : String(err) });
          controller.error(err);
        }
      },
      async cancel() {
        cancelled = true;
        await parts.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
