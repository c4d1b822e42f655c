// The client's own types for the atocore-audit HTTP API. The client depends on nothing of
// the server's, so these are written out here; tests/unit/client-types.test.ts fails the
// type check when they drift from the server's schema (lib/interactions/schema.ts).

/** A stored interaction, as the API returns it. */
export type Interaction = {
  id: string;
  prompt: string;
  response: string;
  response_summary: string;
  project: string;
  client: string;
  session_id: string;
  memories_used: string[];
  chunks_used: string[];
  context_pack: Record<string, unknown>;
  /** ISO 8601 UTC with milliseconds, assigned by the server. */
  created_at: string;
  /** When PATCH completed the turn's response or summary; null for a turn never completed. */
  response_added_at: string | null;
  /** When the client said the turn happened (ISO 8601 UTC with milliseconds); null when it did not say. */
  occurred_at: string | null;
};

/** What a capture may send: `prompt` is required; `id` (a UUID) makes retries safe. */
export type Capture = {
  id?: string;
  prompt: string;
  response?: string;
  response_summary?: string;
  project?: string;
  client?: string;
  session_id?: string;
  memories_used?: (string | number)[];
  chunks_used?: (string | number)[];
  context_pack?: Record<string, unknown>;
  /**
   * When the turn happened: ISO 8601 with `Z` or an offset, at most 5 minutes ahead of the
   * server's clock. The client fills it with the time of the call when absent (AuditClient: for
   * captures without an `id`; BufferedRecorder: always); a retry of the same `id` must send the
   * same value (a different one, or none where one was sent, is a 409 conflict).
   */
  occurred_at?: string | null;
};

/** List filters; `since`/`until` take ISO 8601, a date, or 'YYYY-MM-DD HH:MM:SS' (UTC). */
export type ListFilters = {
  project?: string;
  client?: string;
  session_id?: string;
  since?: string;
  until?: string;
};

/** A record of a list page: with its current review verdict, null when nobody reviewed it. */
export type InteractionListItem = {
  [K in keyof Interaction | "review"]: K extends keyof Interaction ? Interaction[K] : "ok" | "problem" | "question" | null;
};
export type InteractionPage = { interactions: InteractionListItem[]; next_cursor: string | null };

/** The outcome of one capture of a batch, by its position in the batch. */
export type BatchItemResult = {
  index: number;
  status: "created" | "duplicate" | "error";
  id: string | null;
  error?: ApiErrorBody["error"];
  /** Secrets the server redacted from this capture before storing it: where, and which rules. */
  secrets_redacted?: { pointer: string; rule: string }[];
};

export type ApiErrorIssue = { path: (string | number)[]; message: string; code?: string };

/** The one error envelope the server answers with. */
export type ApiErrorBody = { error: { code: string; message: string; issues?: ApiErrorIssue[] } };
