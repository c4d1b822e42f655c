import v8 from "node:v8";
import { errorResponse, json } from "@/lib/api/route";
import { config } from "@/lib/config";
import { NotFoundError } from "@/lib/errors";
import { otherMethods } from "@/lib/api/other-methods";

// What the server's memory holds, for `npm run bench` (the resident set alone does not say
// whether it is the V8 heap, buffers or code): process.memoryUsage() and V8's heap limits.
// Absent (404) unless the server runs with BENCH_ROUTES=1.
export async function GET(req: Request): Promise<Response> {
  if (!config().BENCH_ROUTES) return errorResponse(new NotFoundError(`No API route at ${new URL(req.url).pathname}`));
  const { heap_size_limit, total_heap_size } = v8.getHeapStatistics();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
  return json({ ...process.memoryUsage(), heap_size_limit, total_heap_size, spaces });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
