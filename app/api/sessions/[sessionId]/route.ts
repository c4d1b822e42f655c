import { parseOrThrow, rawJson, route } from "@/lib/api/route";
import { searchParamsToObject } from "@/lib/interactions/schema";
import { getSession } from "@/lib/sessions/get-session";
import { SessionTurnsQuerySchema } from "@/lib/sessions/schema";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = route<{ sessionId: string }>("read", async (req, { params }) => {
  const { sessionId } = await params;
  const query = parseOrThrow(SessionTurnsQuerySchema, searchParamsToObject(new URL(req.url).searchParams), "query");
  return rawJson(await getSession(sessionId, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
