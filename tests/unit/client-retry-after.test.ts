import { describe, expect, it } from "vitest";
import { AuditApiError, BufferedRecorder, type AuditClient, type BatchItemResult, type Capture } from "@/lib/client";
import { retryAfterMs } from "@/lib/client/errors";

describe("the TypeScript client and Retry-After", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-12-06T01:00:00Z");
    expect(retryAfterMs("5", now)).toBe(5000);
    expect(retryAfterMs("Sun, 06 Dec 2026 01:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("Sun, 06 Dec 2026 00:59:00 GMT", now)).toBe(0);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });

  // The recorder's own logic (waiting and splitting) against a scripted stand-in for AuditClient.
  function scripted(answers: (Error | null)[]) {
    const sent: { at: number; sizes: number[] }[] = [];
    const client = {
      async recordBatch(captures: Capture[]): Promise<BatchItemResult[]> {
        sent.push({ at: Date.now(), sizes: captures.map((c) => JSON.stringify(c).length) });
        const answer = answers.shift();
        if (answer) throw answer;
        return captures.map((c, index) => ({ index, status: "created", id: c.id! }));
      },
    } as unknown as AuditClient;
    return { client, sent };
  }

  it("waits at least the server's Retry-After before trying again", async () => {
    const busy = new AuditApiError(503, { error: { code: "unavailable", message: "busy" } }, 400);
    const { client, sent } = scripted([busy]);
    const recorder = new BufferedRecorder(client, { baseDelayMs: 1, onError: (err) => expect.fail(err.message) });
    recorder.record({ prompt: "x" });
    await recorder.close();
    expect(sent).toHaveLength(2);
    expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(390);
  });

  it("splits a batch so that no request holds more than maxBatchBytes, a larger capture going alone", async () => {
    const { client, sent } = scripted([]);
    const recorder = new BufferedRecorder(client, { maxBatchBytes: 10_000, flushIntervalMs: 60_000 });
    for (const size of [3000, 3000, 3000, 3000, 25_000, 100]) recorder.record({ prompt: "p".repeat(size) });
    await recorder.close();
    expect(sent.map((s) => s.sizes.length)).toEqual([3, 1, 1, 1]);
    expect(sent.every((s) => s.sizes.length === 1 || s.sizes.reduce((a, b) => a + b) <= 10_000)).toBe(true);
  });
});
