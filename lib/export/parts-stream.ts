import { config } from "@/lib/config";
import { log } from "@/lib/log";

/**
 * A byte stream pulling one part at a time from a generator (text, or bytes sent as they are): a
 * slow reader holds one part (a turn) in memory, never the whole answer. A reader that takes nothing more for
 * STREAM_STALL_MS is cut off: it would otherwise hold what the answer holds (one of the export
 * thread's few places, a database cursor) for as long as its connection stays open.
 */
export function partsStream(parts: AsyncGenerator<string | Uint8Array>, what: Record<string, string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const stallMs = config().STREAM_STALL_MS;
  // The client went away while a part was being made: that part has nowhere to go.
  let cancelled = false;
  let stall: NodeJS.Timeout | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        clearTimeout(stall);
        try {
          const next = await parts.next();
          if (cancelled) return;
          if (next.done) return controller.close();
          controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
          stall = setTimeout(() => {
            cancelled = true;
            log.warn("stream_stalled", { ...what, waited_ms: stallMs });
            controller.error(new Error(`the reader took nothing for ${stallMs} ms`));
            void parts.return(undefined);
          }, stallMs);
        } catch (err) {
          if (cancelled) return;
          // The status line is already sent: all that is left is to cut the answer short.
          log.error("stream_failed", { ...what, error: err instanceof Error ? err.message : String(err) });
          controller.error(err);
        }
      },
      async cancel() {
        clearTimeout(stall);
        cancelled = true;
        await parts.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
