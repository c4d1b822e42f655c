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

/**
 * Captures rows shaped like tests/helpers/realistic-session.ts through the batch API, in
 * their order, `perBatch` at a time (so every one is chained); created_at is the capture's.
 */
export async function captureRows(
  fetch: (path: string, init?: RequestInit) => Promise<Response>,
  rows: readonly { prompt?: string; response?: string; response_summary?: string; project?: string; client?: string; session_id?: string; memories_used?: string; chunks_used?: string; context_pack?: string }[],
  perBatch = 100,
): Promise<string[]> {
  const ids: string[] = [];
  for (let done = 0; done < rows.length; done += perBatch) {
    const interactions = rows.slice(done, done + perBatch).map((r) => ({
      prompt: r.prompt ?? "",
      response: r.response ?? "",
      response_summary: r.response_summary ?? "",
      project: r.project ?? "",
      client: r.client ?? "",
      session_id: r.session_id ?? "",
      memories_used: JSON.parse(r.memories_used ?? "[]") as string[],
      chunks_used: JSON.parse(r.chunks_used ?? "[]") as string[],
      context_pack: JSON.parse(r.context_pack ?? "{}") as Record<string, unknown>,
    }));
    const res = await fetch("/api/interactions/batch", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ interactions }) });
    if (res.status !== 200) throw new Error(`batch capture answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { results: { id: string; status: string }[] };
    const refused = body.results.find((r) => r.status !== "created");
    if (refused) throw new Error(`batch item not created: ${JSON.stringify(refused)}`);
    ids.push(...body.results.map((r) => r.id));
  }
  return ids;
}
