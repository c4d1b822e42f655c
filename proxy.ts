import { NextResponse, type NextRequest } from "next/server";
import { json } from "@/lib/api/route";
import { authDisabled } from "@/lib/auth/auth-disabled";
import { credentialFrom } from "@/lib/auth/credentials";
import { contentSecurityPolicy, newNonce } from "@/lib/auth/security-headers";
import { STATIC_SECURITY_HEADERS } from "@/lib/auth/static-headers.mjs";
import { verifyToken } from "@/lib/auth/verify-token";
import { urlProblem } from "@/lib/api/url-problem";
import { AppError, toErrorBody } from "@/lib/errors";
import { unavailablePage } from "@/lib/unavailable-page";

// Pages anyone may open; API routes check access themselves in route() (lib/api/route.ts),
// where a refusal is the JSON envelope rather than a redirect.
const OPEN_PAGES = new Set(["/sign-in"]);

/** Whether the page may be served; "unavailable" when the database cannot tell (verifyToken's 503). */
async function mayView(req: NextRequest): Promise<boolean | "unavailable"> {
  if (authDisabled() || OPEN_PAGES.has(req.nextUrl.pathname) || req.nextUrl.pathname.startsWith("/api/")) return true;
  const credential = credentialFrom(req.headers);
  if (!credential) return false;
  try {
    return !!(await verifyToken(credential.token))?.scopes.includes("read");
  } catch (err) {
    if (err instanceof AppError && err.code === "unavailable") return "unavailable";
    throw err;
  }
}

/** Every page request (and the API paths in `config`): a fresh CSP nonce, the security headers, and the viewer's sign-in check. */
export async function proxy(req: NextRequest): Promise<Response> {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  let res: Response;
  const problem = urlProblem(req.nextUrl);
  const apiRoot = /^\/api\/?$/.test(req.nextUrl.pathname);
  const access = problem || apiRoot ? false : await mayView(req);
  if (problem) {
    res = json(toErrorBody(problem), problem.status);
  } else if (apiRoot) {
    // The API's catch-all route needs one segment; its bare root answers like any unknown path.
    res = json(toErrorBody(new AppError("not_found", "No API route here")), 404);
  } else if (access === "unavailable") {
    res = unavailablePage();
  } else if (access) {
    // Next.js reads the nonce from the request's CSP header and puts it on its scripts.
    const headers = new Headers(req.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    res = NextResponse.next({ request: { headers } });
  } else {
    const signIn = new URL("/sign-in", req.url);
    signIn.searchParams.set("next", req.nextUrl.pathname + req.nextUrl.search);
    res = NextResponse.redirect(signIn, 303);
  }
  res.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) res.headers.set(name, value);
  return res;
}

// Pages, the bare /api, and any API path holding a `%` (see lib/api/url-problem.ts). The other
// API paths, and OTLP's /v1/ (its route checks the token like any API route), skip the proxy:
// the framework's middleware machinery alone (not our checks) is a large share of a small API
// request's CPU. Their security headers come from next.config.mjs;
// route() checks their query (lib/api/route.ts).
export const config = {
  matcher: ["/((?!_next/static|_next/image|api/|v1/).*)", "/api/(.*%.*)"],
};
