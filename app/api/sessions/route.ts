import { json, parseOrThrow, route } from "@/lib/api/route";
import { ListQuerySchema, searchParamsToObject } from "@/lib/interactions/schema";
import { findSessions } from "@/lib/sessions/find-sessions";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = route("read", async (req) => {
  const params = searchParamsToObject(new URL(req.url).searchParams);
  return json(await findSessions(parseOrThrow(ListQuerySchema, params, "query")));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
