import { AuditApiError, AuditNetworkError, retryAfterMs } from "./errors";
import { BufferedRecorder, type BufferOptions } from "./buffered-recorder";
import type { ApiErrorBody, BatchItemResult, Capture, Interaction, InteractionPage, ListFilters } from "./types";

export type ClientOptions = {
  /** The server's base URL, e.g. http://localhost:3000 */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when given. */
  token?: string;
  /** Per request; a request that takes longer fails as a (retryable) network error. */
  timeoutMs?: number;
};

/**
 * The capture with its `occurred_at`: the one it carries, else now. Set once, when the turn is
 * recorded, so a capture sent later (buffered, retried) still says when it happened. A capture
 * that names its `id` may be the caller's retry of an earlier one, which must carry the
 * original's time (another time is a conflict), so it is stamped only when `always` says the
 * id is new (the buffered recorder's own).
 */
export function stamped(capture: Capture, always = false): Capture {
  if (capture.occurred_at || (capture.id && !always)) return capture;
  return { ...capture, occurred_at: new Date().toISOString() };
}

/**
 * A typed client for the atocore-audit HTTP API. It depends on nothing of the server's and
 * runs wherever `fetch` does (Node 18+, browsers, Deno, Bun).
 */
export class AuditClient {
  private readonly base: string;
  // Learned on first use: a server without the batch route (an older one) gets single
  // captures instead.
  private batchRoute: boolean | undefined;

  constructor(private readonly options: ClientOptions) {
    this.base = options.url.replace(/\/+$/, "");
  }

  /**
   * Records one interaction; with the same `id` and content again it returns the stored one.
   * `occurred_at` is the time of this call unless the capture carries one or names its `id`.
   */
  async record(capture: Capture): Promise<Interaction> {
    return (await this.request("POST", "/api/interactions", stamped(capture))).body as Interaction;
  }

  /**
   * Records many interactions in one request (POST /api/interactions/batch); each has its own
   * result, in order. Against a server without that route it falls back to one request each.
   */
  async recordBatch(batch: Capture[]): Promise<BatchItemResult[]> {
    if (batch.length === 0) return [];
    const captures = batch.map((c) => stamped(c));
    if (this.batchRoute !== false) {
      try {
        const { body } = (await this.request("POST", "/api/interactions/batch", { interactions: captures })) as {
          body: { results: BatchItemResult[] };
        };
        this.batchRoute = true;
        return body.results;
      } catch (err) {
        // 404, or 405 where /api/interactions/{id} takes the path: the route is not there.
        const missing = err instanceof AuditApiError && (err.status === 404 || err.status === 405);
        if (!missing || this.batchRoute !== undefined) throw err;
        this.batchRoute = false;
      }
    }
    const results: BatchItemResult[] = [];
    for (const [index, capture] of captures.entries()) {
      try {
        const { status, body } = await this.request("POST", "/api/interactions", capture);
        results.push({ index, status: status === 201 ? "created" : "duplicate", id: (body as Interaction).id });
      } catch (err) {
        if (!(err instanceof AuditApiError) || err.retryable) throw err;
        results.push({ index, status: "error", id: capture.id ?? null, error: { code: err.code, message: err.message, issues: err.issues } });
      }
    }
    return results;
  }

  /** One page of the list, newest first. */
  async page(filters: ListFilters & { limit?: number; cursor?: string } = {}): Promise<InteractionPage> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== "") query.set(k, String(v));
    return (await this.request("GET", `/api/interactions?${query}`)).body as InteractionPage;
  }

  /** Every interaction matching the filters, newest first, fetched page by page as you iterate. */
  async *list(filters: ListFilters = {}, { pageSize = 500 }: { pageSize?: number } = {}): AsyncGenerator<Interaction> {
    let cursor: string | undefined;
    do {
      const page = await this.page({ ...filters, limit: pageSize, cursor });
      yield* page.interactions;
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
  }

  /** One interaction; an unknown id throws an AuditApiError with status 404. */
  async get(id: string): Promise<Interaction> {
    return (await this.request("GET", `/api/interactions/${encodeURIComponent(id)}`)).body as Interaction;
  }

  /** A recorder that batches captures in the background, retries, and flushes on exit. */
  buffered(options: BufferOptions = {}): BufferedRecorder {
    return new BufferedRecorder(this, options);
  }

  private async request(method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
      text = await res.text();
    } catch (err) {
      throw new AuditNetworkError(err);
    }
    const parsed = parseJson(text);
    if (!res.ok) throw new AuditApiError(res.status, isErrorBody(parsed) ? parsed : undefined, retryAfterMs(res.headers.get("retry-after")));
    return { status: res.status, body: parsed };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isErrorBody(v: unknown): v is ApiErrorBody {
  const e = (v as ApiErrorBody | undefined)?.error;
  return typeof e === "object" && e !== null && typeof e.code === "string" && typeof e.message === "string";
}
