import { json, parseOrThrow, route } from "@/lib/api/route";
import { searchParamsToObject } from "@/lib/interactions/schema";
import { getItem, listItems } from "@/lib/memory-audit/items";
import { reportResponse } from "@/lib/memory-audit/report";
import { ItemListQuerySchema, ReportQuerySchema, type ItemKind } from "@/lib/memory-audit/schema";

// The memory audit's API handlers; the memory and chunk routes are the same handler per kind.

const paramsOf = (req: Request) => searchParamsToObject(new URL(req.url).searchParams);

/** GET /api/memories, /api/chunks */
export const itemListRoute = (kind: ItemKind) =>
  route("read", async (req) => json(await listItems(kind, parseOrThrow(ItemListQuerySchema, paramsOf(req), "query"))));

/** GET /api/memories/{id}, /api/chunks/{id} */
export const itemDetailRoute = (kind: ItemKind) =>
  route<{ id: string }>("read", async (_req, { params }) => json(await getItem(kind, (await params).id)));

/** GET /api/reports/memories, /api/reports/chunks */
export const itemReportRoute = (kind: ItemKind) =>
  route("read", async (req) => reportResponse(kind, parseOrThrow(ReportQuerySchema, paramsOf(req), "query")));
