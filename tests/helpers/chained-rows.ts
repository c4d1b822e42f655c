// A chain long enough that a full verification takes seconds: interactions captured through
// the batch API (so every one is chained, on either database), each with a context pack of
// about `packBytes` to hash. The server needs MAX_BODY_BYTES above 500 x packBytes.

export const BIG_BODY_ENV = { MAX_BODY_BYTES: String(16 * 2 ** 20) };

export async function captureMany(fetch: (path: string, init?: RequestInit) => Promise<Response>, rows: number, packBytes = 8000): Promise<void> {
  const text = "Keys rotate monthly; the old key stays valid for a day. ".repeat(Math.ceil(packBytes / 56)).slice(0, packBytes);
  for (let done = 0; done < rows; done += 500) {
    const interactions = Array.from({ length: Math.min(500, rows - done) }, (_, i) => ({
      prompt: `turn ${done + i}`,
      project: "scale",
      memories_used: [`mem-${i % 50}`],
      context_pack: { memories: [{ id: `mem-${i % 50}`, text }] },
    }));
    // Not jsonPost (./api.ts): that module needs vitest, and the browser tests use this too.
    const res = await fetch("/api/interactions/batch", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ interactions }) });
    if (res.status !== 200) throw new Error(`batch capture answered ${res.status}: ${await res.text()}`);
  }
}
