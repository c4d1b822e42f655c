import { parseOrThrow, rawJson, route } from "@/lib/api/route";
import { ValidationError } from "@/lib/errors";
import { ListQuerySchema, searchParamsToObject } from "@/lib/interactions/schema";
import { findItemInteractions, type ItemKind } from "@/lib/usage/find-item-interactions";

/** GET /api/memories/{id}/interactions and /api/chunks/{id}/interactions: the same handler. */
export function itemInteractionsRoute(kind: ItemKind) {
  return route<{ id: string }>("read", async (req, { params }) => {
    const { id } = await params;
    const query = parseOrThrow(ListQuerySchema, searchParamsToObject(new URL(req.url).searchParams), "query");
    if (query.q) {
      throw new ValidationError("The query is not valid", [
        { path: ["q"], message: "q is not supported here: search with GET /api/interactions?q=...", code: "unsupported" },
      ]);
    }
    return rawJson(await findItemInteractions(kind, id, query));
  });
}
