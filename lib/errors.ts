// Errors are values with a code; one table maps each code to its HTTP status and
// toErrorBody() builds the one envelope every error response uses.

export type ErrorCode =
  | "invalid_json"
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unavailable"
  | "internal_error";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_json: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
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
