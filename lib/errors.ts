// Errors are values with a code; one table maps each code to its HTTP status and
// toErrorBody() builds the one envelope every error response uses.

export type ErrorCode =
  | "invalid_json"
  | "invalid_body"
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "too_many_requests"
  | "unavailable"
  | "internal_error";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_body: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  unavailable: 503,
  internal_error: 500,
};

export type ErrorIssue = { path: (string | number)[]; message: string; code?: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.name = "AppError";
  }
  get status() {
    return STATUS_BY_CODE[this.code];
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: ErrorIssue[]) {
    super("validation_failed", message, issues);
    this.name = "ValidationError";
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super("not_found", message);
    this.name = "NotFoundError";
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super("conflict", message);
    this.name = "ConflictError";
  }
}

/** 429 or 503 that passes: the client may send the same request again after Retry-After seconds. */
export class RetryLaterError extends AppError {
  constructor(
    code: "too_many_requests" | "unavailable",
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
    this.name = "RetryLaterError";
  }
}

export type ErrorBody = { error: { code: ErrorCode; message: string; issues?: ErrorIssue[] } };

export function toErrorBody(err: AppError): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.issues ? { issues: err.issues } : {}),
    },
  };
}

/**
 * An error as it crosses a thread boundary (lib/db/sqlite/write-thread.ts): a structured clone keeps
 * an Error's message and stack but neither its class nor its code, so AppErrors travel as
 * their fields and come back as the same class; any other error keeps its message and stack.
 */
export type AppWireError = { code: ErrorCode; message: string; issues?: ErrorIssue[] };
export type WireError = AppWireError | { code?: undefined; message: string; stack?: string };

export function errorToWire(err: AppError): AppWireError;
export function errorToWire(err: unknown): WireError;
export function errorToWire(err: unknown): WireError {
  if (err instanceof AppError) return { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) };
  return err instanceof Error ? { message: err.message, stack: err.stack } : { message: String(err) };
}

export function appErrorFromWire(wire: AppWireError): AppError {
  if (wire.code === "validation_failed") return new ValidationError(wire.message, wire.issues ?? []);
  if (wire.code === "not_found" && !wire.issues) return new NotFoundError(wire.message);
  if (wire.code === "conflict" && !wire.issues) return new ConflictError(wire.message);
  return new AppError(wire.code, wire.message, wire.issues);
}

export function errorFromWire(wire: WireError): Error {
  if (wire.code !== undefined) return appErrorFromWire(wire);
  return Object.assign(new Error(wire.message), { stack: wire.stack ?? wire.message });
}
