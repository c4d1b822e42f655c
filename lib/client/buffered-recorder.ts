import { stamped, type AuditClient } from "./client";
import { AuditApiError, isRetryable } from "./errors";
import type { BatchItemResult, Capture } from "./types";

export type BufferOptions = {
  /** Captures per request (default 100). A full buffer is sent at once. */
  maxBatch?: number;
  /**
   * JSON bytes per request (default 8 MiB, half the server's default body limit): a batch
   * holding large context packs is split, and a capture larger than this goes alone.
   */
  maxBatchBytes?: number;
  /** Sends what is buffered at least this often (default 1000 ms). */
  flushIntervalMs?: number;
  /** Tries per batch on network errors and 5xx before giving up on it (default 10). */
  maxAttempts?: number;
  /** First retry delay, doubled each time up to maxDelayMs (defaults 200 ms, 30 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Captures that could not be stored (rejected, or retries exhausted). Default: a warning on stderr. */
  onError?: (err: Error, captures: Capture[]) => void;
  /** Every stored capture's result, e.g. to count duplicates. */
  onResult?: (result: BatchItemResult, capture: Capture) => void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Buffers captures and sends them in batches in the background. Each capture gets its UUID
 * here, before the first attempt, so a retry after a lost answer is a duplicate the server
 * recognises, never a second row. Pending captures are sent when the process is about to
 * exit (`beforeExit`); call `close()` before an explicit `process.exit()`.
 */
export class BufferedRecorder {
  private queue: Capture[] = [];
  private sending: Promise<void> | null = null;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly onBeforeExit = () => {
    if (this.queue.length > 0) void this.flush();
  };
  private readonly opts: Required<Omit<BufferOptions, "onResult">> & Pick<BufferOptions, "onResult">;

  constructor(
    private readonly client: AuditClient,
    options: BufferOptions = {},
  ) {
    this.opts = {
      maxBatch: 100,
      maxBatchBytes: 8 * 1024 * 1024,
      flushIntervalMs: 1000,
      maxAttempts: 10,
      baseDelayMs: 200,
      maxDelayMs: 30_000,
      onError: (err, captures) => console.warn(`atocore-audit: ${captures.length} capture(s) not recorded: ${err.message}`),
      ...options,
    };
    this.timer = setInterval(() => void this.flush(), this.opts.flushIntervalMs);
    // The timer alone must not keep a finished program alive; beforeExit sends the rest.
    this.timer.unref?.();
    globalThis.process?.on?.("beforeExit", this.onBeforeExit);
  }

  /**
   * Queues one capture and returns its id (the one given, or a new UUID). Its `occurred_at` is
   * set now (unless given), so a capture sent after a backlog or retries keeps its time.
   */
  record(capture: Capture): string {
    const id = capture.id ?? globalThis.crypto.randomUUID();
    this.queue.push({ ...stamped(capture, true), id });
    if (this.queue.length >= this.opts.maxBatch) void this.flush();
    return id;
  }

  /** Captures queued and not yet stored or given up on. */
  get pending(): number {
    return this.queue.length;
  }

  /** Sends everything queued so far; resolves when it is stored or given up on. Never rejects. */
  flush(): Promise<void> {
    this.sending ??= this.drain().finally(() => {
      this.sending = null;
    });
    return this.sending;
  }

  /** Stops the background timer and exit hook, then flushes. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    globalThis.process?.off?.("beforeExit", this.onBeforeExit);
    await this.flush();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.nextBatch();
      await this.send(batch);
      this.queue.splice(0, batch.length);
    }
  }

  // The captures at the head of the queue that fit one request: at most maxBatch, and within
  // maxBatchBytes of JSON (always at least one).
  private nextBatch(): Capture[] {
    const batch: Capture[] = [];
    let bytes = 0;
    for (const capture of this.queue) {
      if (batch.length >= this.opts.maxBatch) break;
      const size = new Blob([JSON.stringify(capture)]).size;
      if (batch.length > 0 && bytes + size > this.opts.maxBatchBytes) break;
      batch.push(capture);
      bytes += size;
    }
    return batch;
  }

  private async send(batch: Capture[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const results = await this.client.recordBatch(batch);
        for (const r of results) {
          if (r.status === "error") this.opts.onError(new AuditApiError(0, r.error && { error: r.error }), [batch[r.index]]);
          else this.opts.onResult?.(r, batch[r.index]);
        }
        return;
      } catch (err) {
        if (!isRetryable(err) || attempt >= this.opts.maxAttempts) {
          this.opts.onError(err instanceof Error ? err : new Error(String(err)), batch);
          return;
        }
        // Exponential backoff with jitter, so many agents do not retry in step; never sooner
        // than the server's Retry-After.
        const delay = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** (attempt - 1));
        const asked = err instanceof AuditApiError ? (err.retryAfterMs ?? 0) : 0;
        await sleep(Math.max(asked, delay * (0.5 + Math.random() / 2)));
      }
    }
  }
}
