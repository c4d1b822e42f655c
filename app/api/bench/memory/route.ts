import v8 from "node:v8";
import { json } from "@/lib/api/route";
import { benchRoute } from "@/lib/api/bench-route";
import { otherMethods } from "@/lib/api/other-methods";

// What the server's memory holds, for `npm run bench` (the resident set alone does not say
// whether it is the V8 heap, buffers or code): process.memoryUsage() and V8's heap limits.
export const GET = benchRoute(async () => {
  const { heap_size_limit, total_heap_size } = v8.getHeapStatistics();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
  return json({ ...process.memoryUsage(), heap_size_limit, total_heap_size, spaces });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
