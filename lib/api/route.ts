import type { z } from "zod";
import { authDisabled } from "@/lib/auth/auth-disabled";
import { clientAddress } from "@/lib/auth/client-address";
import { credentialFrom } from "@/lib/auth/credentials";
import { failureThrottle } from "@/lib/auth/failure-throttle";
import { isSafeMethod, isSameOrigin } from "@/lib/auth/same-origin";
import type { Scope } from "@/lib/auth/scopes";
import { verifyToken } from "@/lib/auth/verify-token";
import { config } from "@/lib/config";
import { AppError, RetryLaterError, toErrorBody, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";
import { bodyWeight } from "@/lib/api/body";
import { bodyBudget } from "@/lib/api/body-budget";
import { urlProblem } from "@/lib/api/url-problem";
import { toErrorIssues } from "@/lib/zod-issues";

type RouteContext<P> = { params: Promise<P> };
type Handler<P> = (req: Request, ctx: RouteContext<P>) => Promise<Response> | Response;

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(data, { status, headers });
}

/** A 200 answer of JSON text made already: a record, or a stream of a page of them, packs as stored. */
export function rawJson(body: ReadableStream<Uint8Array> | Uint8Array): Response {
  // A Buffer is a body Response takes; TypeScript's BodyInit names only ArrayBuffer-backed views.
  return new Response(body as BodyInit, { headers: { "content-type": "application/json" } });
}

export function errorResponse(err: unknown): Response {
  if (err instanceof RetryLaterError) return json(toErrorBody(err), err.status, { "Retry-After": String(err.retryAfterSeconds) });
  if (err instanceof AppError) return json(toErrorBody(err), err.status);
  // Unknown failures are logged in full and answered with nothing that could leak.
  log.error("unhandled_error", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return json(toErrorBody(new AppError("internal_error", "Internal server error")), 500);
}

export type { Scope } from "@/lib/auth/scopes";

/**
 * Who may call a route: a token with this scope, or anyone ("public": /api/health, which load
 * balancers and uptime checks call without a token, and the bench-only routes).
 */
export type Access = Scope | "public";

/**
 * Checked once, here, for every API route before anything else is read: 401 without a
 * valid token (bearer header, or the viewer's cookie), 429 after too many invalid ones from
 * one address (lib/auth/failure-throttle.ts), 403 without the route's scope, and
 * 403 for a cookie-authenticated write from another site (CSRF). Over-long query strings
 * and a U+0000 in the URL are refused here too, for every route alike, public ones included.
 */
async function authorize(req: Request, access: Access): Promise<void> {
  const { MAX_QUERY_CHARS } = config();
  const url = new URL(req.url);
  if (url.search.length > MAX_QUERY_CHARS + 1) {
    throw new ValidationError(`The query string is longer than ${MAX_QUERY_CHARS} characters`, [
      { path: ["query"], message: `longer than ${MAX_QUERY_CHARS} characters` },
    ]);
  }
  // A path with a bad escape never gets here (proxy.ts); a U+0000 in the query does.
  const problem = urlProblem(url);
  if (problem) throw problem;
  if (access === "public") return;
  if (authDisabled()) return void callers.set(req, ANONYMOUS);
  const credential = credentialFrom(req.headers);
  if (!credential) throw new AppError("unauthorized", "Send an API token: Authorization: Bearer <token>");
  const identity = await verifyToken(credential.token);
  if (!identity) {
    const wait = failureThrottle().fail(clientAddress(req.headers));
    if (wait > 0) throw new RetryLaterError("too_many_requests", `Too many failed sign-ins from this address; try again in ${wait} s`, wait);
    throw new AppError("unauthorized", "The API token is not valid (unknown or revoked)");
  }
  if (!identity.scopes.includes(access)) {
    throw new AppError("forbidden", `This token lacks the "${access}" scope`);
  }
  if (credential.via === "cookie" && !isSafeMethod(req.method) && !isSameOrigin(req.headers)) {
    throw new AppError("forbidden", "Cross-site request refused: the Origin does not match this site");
  }
  callers.set(req, identity.name);
}

/** Who a write is attributed to while access control is off. */
export const ANONYMOUS = "anonymous (access control off)";
const callers = new WeakMap<Request, string>();

/** The name of the token that authorized `req` (ANONYMOUS with AUTH_DISABLED=1), for attribution. */
export function callerName(req: Request): string {
  const name = callers.get(req);
  if (name === undefined) throw new AppError("unauthorized", "This request carries no identity");
  return name;
}

/**
 * The one wrapper every API route goes through: access, then room in the body budget
 * (lib/api/body-budget.ts), then the handler; typed errors become the JSON envelope.
 */
export function route<P = Record<string, never>>(access: Access, handler: Handler<P>): Handler<P> {
  return async (req, ctx) => {
    try {
      await authorize(req, access);
      // The body's bytes are held in the server's budget until the answer is built.
      const release = await bodyBudget().take(bodyWeight(req));
      try {
        return await handler(req, ctx);
      } finally {
        release();
      }
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
