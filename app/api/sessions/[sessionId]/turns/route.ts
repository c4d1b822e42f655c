import { json, parseOrThrow, route } from "@/lib/api/route";
import { searchParamsToObject } from "@/lib/interactions/schema";
import { getSessionTurns } from "@/lib/sessions/get-session-turns";
import { SessionTurnsWindowQuerySchema } from "@/lib/sessions/schema";
import { otherMethods } from "@/lib/api/other-methods";

/** A window of turns (?from=N&limit=L) with each turn's pack counts and pack diff, without the packs. */
export const GET = route<{ sessionId: string }>("read", async (req, { params }) => {
  const { sessionId } = await params;
  const query = parseOrThrow(SessionTurnsWindowQuerySchema, searchParamsToObject(new URL(req.url).searchParams), "query");
  return json(await getSessionTurns(sessionId, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
