import { json, parseOrThrow, route } from "@/lib/api/route";
import { ListQuerySchema, searchParamsToObject } from "@/lib/interactions/schema";
import { findSessions } from "@/lib/sessions/find-sessions";
import { SessionSortSchema } from "@/lib/sessions/schema";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = route("read", async (req) => {
  const params = searchParamsToObject(new URL(req.url).searchParams);
  return json(await findSessions(parseOrThrow(ListQuerySchema, params, "query"), parseOrThrow(SessionSortSchema, params, "query")));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
