import { parseOrThrow, route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { getInteractionText } from "@/lib/interactions/get-interaction-without-pack";
import { searchParamsToObject, TextFieldQuerySchema } from "@/lib/interactions/schema";

// One whole text of an interaction as plain text: the interaction page shows its start.
export const GET = route<{ id: string }>("read", async (req, { params }) => {
  const { id } = await params;
  const { field } = parseOrThrow(TextFieldQuerySchema, searchParamsToObject(new URL(req.url).searchParams), "text query");
  const text = await getInteractionText(id, field);
  return new Response(text, {
    headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(`${id}-${field}.txt`)}`, "x-content-type-options": "nosniff" },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
