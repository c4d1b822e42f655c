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

/** The one wrapper every API route goes through: typed errors become the JSON envelope. */
export function route<P = Record<string, never>>(handler: Handler<P>): Handler<P> {
  return async (req, ctx) => {
    try {
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
