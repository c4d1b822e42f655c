import { json, parseOrThrow, route } from "@/lib/api/route";
import { ListQuerySchema, searchParamsToObject } from "@/lib/interactions/schema";
import { findSessions } from "@/lib/sessions/find-sessions";

export const GET = route("read", async (req) => {
  const params = searchParamsToObject(new URL(req.url).searchParams);
  return json(await findSessions(parseOrThrow(ListQuerySchema, params, "query")));
});
