import { NextResponse, type NextRequest } from "next/server";
import { json } from "@/lib/api/route";
import { authDisabled } from "@/lib/auth/auth-disabled";
import { credentialFrom } from "@/lib/auth/credentials";
import { contentSecurityPolicy, newNonce, STATIC_SECURITY_HEADERS } from "@/lib/auth/security-headers";
import { verifyToken } from "@/lib/auth/verify-token";
import { AppError, toErrorBody, ValidationError } from "@/lib/errors";

// Pages anyone may open; API routes check access themselves in route() (lib/api/route.ts),
// where a refusal is the JSON envelope rather than a redirect.
const OPEN_PAGES = new Set(["/sign-in"]);

async function mayView(req: NextRequest): Promise<boolean> {
  if (authDisabled() || OPEN_PAGES.has(req.nextUrl.pathname) || req.nextUrl.pathname.startsWith("/api/")) return true;
  const credential = credentialFrom(req.headers);
  return !!credential && !!(await verifyToken(credential.token))?.scopes.includes("read");
}

// Next.js decodes dynamic path segments after this proxy and answers a bad escape (`%ZZ`,
// `%C0%AF`) with a bare 500 that carries none of the headers set here: refuse it first. A
// U+0000 (`%00`) in the path or a query value is refused too, on both databases alike:
// PostgreSQL cannot take it as a text parameter, and no stored value can hold it.
function urlProblem(url: URL): { path: string[]; message: string } | null {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { path: ["path"], message: "not valid percent-encoded UTF-8" };
  }
  if (path.includes("\0")) return { path: ["path"], message: "must not contain U+0000" };
  for (const [name, value] of url.searchParams) {
    if (name.includes("\0") || value.includes("\0")) return { path: [name.replaceAll("\0", "\\0")], message: "must not contain U+0000" };
  }
  return null;
}

/** Every request but static files: a fresh CSP nonce, the security headers, and the viewer's sign-in check. */
export async function proxy(req: NextRequest): Promise<Response> {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  let res: Response;
  const problem = urlProblem(req.nextUrl);
  if (problem) {
    res = json(toErrorBody(new ValidationError(`The URL is not valid: ${problem.path[0]} ${problem.message}`, [problem])), 400);
  } else if (/^\/api\/?$/.test(req.nextUrl.pathname)) {
    // The API's catch-all route needs one segment; its bare root answers like any unknown path.
    res = json(toErrorBody(new AppError("not_found", "No API route here")), 404);
  } else if (await mayView(req)) {
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

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
