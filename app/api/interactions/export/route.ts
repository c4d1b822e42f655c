import { parseOrThrow, route } from "@/lib/api/route";
import { EXPORT_FORMATS, exportHeaders, exportStream } from "@/lib/export/export-interactions";
import { ListQuerySchema, searchParamsToObject } from "@/lib/interactions/schema";
import { z } from "zod";
import { otherMethods } from "@/lib/api/other-methods";

const FormatSchema = z.object({
  format: z.enum(EXPORT_FORMATS, { error: "format must be jsonl or csv" }).default("jsonl"),
});

export const GET = route("read", async (req) => {
  // The list's filters, parsed by the list's own schema; an export is every matching row,
  // so the paging parameters are dropped rather than applied.
  const { limit: _limit, cursor: _cursor, after: _after, ...params } = searchParamsToObject(new URL(req.url).searchParams);
  const { format } = parseOrThrow(FormatSchema, params, "query");
  const filters = parseOrThrow(ListQuerySchema, params, "query");
  return new Response(exportStream(format, filters), { headers: exportHeaders(format, filters) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
