import type { ApiErrorBody, ApiErrorIssue } from "./types";

/**
 * The server refused a request (or, with `status` 0, one capture of a batch); `code`,
 * `message` and `issues` are those of the server's error envelope.
 */
export class AuditApiError extends Error {
  readonly code: string;
  readonly issues?: ApiErrorIssue[];
  constructor(
    readonly status: number,
    body: ApiErrorBody | undefined,
    /** The server's Retry-After, in ms: how long to wait before sending the request again. */
    readonly retryAfterMs?: number,
  ) {
    super(body?.error.message ?? `HTTP ${status}`);
    this.name = "AuditApiError";
    this.code = body?.error.code ?? "http_error";
    this.issues = body?.error.issues;
  }

  /** Worth retrying: the server failed (5xx), not the request (4xx). */
  get retryable(): boolean {
    return this.status >= 500;
  }
}

/** The server could not be reached, or the connection failed before an answer. */
export class AuditNetworkError extends Error {
  readonly retryable = true;
  constructor(cause: unknown) {
    super(`Cannot reach the audit server: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "AuditNetworkError";
  }
}

export function isRetryable(err: unknown): boolean {
  return (err instanceof AuditApiError || err instanceof AuditNetworkError) && err.retryable;
}

/** A Retry-After header (delay-seconds or an HTTP date) in ms, or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
