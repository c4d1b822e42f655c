import { errorResponse, json } from "@/lib/api/route";
import { config } from "@/lib/config";
import { NotFoundError } from "@/lib/errors";
import { otherMethods } from "@/lib/api/other-methods";

// The framework's own ceiling for `npm run bench`: receives the body and answers 201 with
// no validation and no database. Absent (404) unless the server runs with BENCH_ROUTES=1.
export async function POST(req: Request): Promise<Response> {
  if (!config().BENCH_ROUTES) return errorResponse(new NotFoundError(`No API route at ${new URL(req.url).pathname}`));
  await req.arrayBuffer();
  return json({ ok: true }, 201);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
