import { route } from "@/lib/api/route";
import { config } from "@/lib/config";
import { NotFoundError } from "@/lib/errors";

/**
 * A route for `npm run bench` only: public like /api/health (the bench measures the framework,
 * not the token check), and absent (the API's 404) unless the server runs with BENCH_ROUTES=1.
 */
export function benchRoute(handler: (req: Request) => Promise<Response>) {
  return route("public", async (req) => {
    if (!config().BENCH_ROUTES) throw new NotFoundError(`No API route at ${new URL(req.url).pathname}`);
    return handler(req);
  });
}
