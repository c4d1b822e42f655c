import { json } from "@/lib/api/route";
import { AppError, toErrorBody } from "@/lib/errors";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = (req: Request) => Response;

// Next.js answers a method a route does not export with an empty 405 before any of our code
// runs; exporting these handlers makes that answer the JSON envelope like every other error.
const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * Handlers for every method a route does not serve, plus OPTIONS (which Next.js would
 * otherwise answer by listing these handlers too). Each route file spreads in the ones it
 * lacks: `export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");`
 */
export function otherMethods(...served: Method[]): Record<Method | "OPTIONS", Handler> {
  const allow = [...served, ...(served.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse: Handler = (req) =>
    json(toErrorBody(new AppError("method_not_allowed", `${req.method} is not allowed here; allowed: ${allow}`)), 405, { Allow: allow });
  const handlers = Object.fromEntries(METHODS.map((m) => [m, refuse])) as Record<Method, Handler>;
  return { ...handlers, OPTIONS: () => new Response(null, { status: 204, headers: { Allow: allow } }) };
}
