import { json } from "@/lib/api/route";
import { benchRoute } from "@/lib/api/bench-route";
import { otherMethods } from "@/lib/api/other-methods";

// The framework's own ceiling for `npm run bench`: receives the body and answers 201 with
// no validation and no database.
export const POST = benchRoute(async (req) => {
  await req.arrayBuffer();
  return json({ ok: true }, 201);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
