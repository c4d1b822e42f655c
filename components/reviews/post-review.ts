/**
 * Posts a review through the API with the viewer's cookie (same-origin), under a fresh id so a
 * retried request is one review. Answers null when stored, else what to tell the reviewer.
 */
export async function postReview(path: string, body: Record<string, unknown>): Promise<string | null> {
  const res = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ id: crypto.randomUUID(), ...body }),
  }).catch(() => null);
  if (res?.ok) return null;
  const message = res ? ((await res.json().catch(() => null))?.error?.message ?? `HTTP ${res.status}`) : "the server did not answer";
  return `Not saved: ${message}`;
}
