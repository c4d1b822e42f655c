import { parseOrThrow, route } from "@/lib/api/route";
import { searchParamsToObject } from "@/lib/interactions/schema";
import { exportSession } from "@/lib/sessions/export-session";
import { ExportQuerySchema } from "@/lib/sessions/schema";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = route<{ sessionId: string }>("read", async (req, { params }) => {
  const { sessionId } = await params;
  const { format } = parseOrThrow(ExportQuerySchema, searchParamsToObject(new URL(req.url).searchParams), "query");
  const { body, contentType, filename } = await exportSession(sessionId, format);
  return new Response(body, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
