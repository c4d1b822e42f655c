import type { z } from "zod";
import { AppError, toErrorBody, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";
import { toErrorIssues } from "@/lib/zod-issues";

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: Request, ctx: RouteContext<P>) => Promise<Response> | Response;

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers });
}

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) return json(toErrorBody(err), err.status);
  // Unknown failures are logged in full and answered with nothing that could leak.
  log.error("unhandled_error", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return json(toErrorBody(new AppError("internal_error", "Internal server error")), 500);
}

/**
 * What a caller must be allowed to do: `capture` writes interactions, `read` reads them
 * (API and viewer), `admin` manages tokens. Checked here, once, for every route.
 */
export type Scope = "capture" | "read" | "admin";

// Access control is not enforced yet (issue 5); every route already names its scope so
// that enforcing it is one change here.
async function authorize(_req: Request, _scope: Scope): Promise<void> {}

/** The one wrapper every API route goes through: access, then typed errors become the JSON envelope. */
export function route<P = Record<string, never>>(scope: Scope, handler: Handler<P>): Handler<P> {
  return async (req, ctx) => {
    try {
      await authorize(req, scope);
      return await handler(req, ctx);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Parses a value with a schema, or throws a ValidationError naming every offending field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(`The ${what} is not valid`, toErrorIssues(parsed.error));
  return parsed.data;
}
