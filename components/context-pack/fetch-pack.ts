import type { PackAnswer } from "@/lib/context-pack/schema";

export type PackParams = { pointer: string; offset?: number; limit?: number; used?: boolean; q?: string; expand?: boolean };

/** GET /api/interactions/{id}/pack from the browser (the viewer's cookie signs it). */
export async function fetchPack(interactionId: string, params: PackParams, signal?: AbortSignal): Promise<PackAnswer> {
  const search = new URLSearchParams({ pointer: params.pointer });
  if (params.offset) search.set("offset", String(params.offset));
  if (params.limit) search.set("limit", String(params.limit));
  if (params.used) search.set("used", "1");
  if (params.q) search.set("q", params.q);
  if (params.expand) search.set("expand", "1");
  const res = await fetch(`/api/interactions/${encodeURIComponent(interactionId)}/pack?${search}`, { signal });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `the server answered ${res.status}`);
  }
  return (await res.json()) as PackAnswer;
}
