import { json, parseOrThrow, route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { getPackItems } from "@/lib/context-pack/get-pack-items";
import { PackQuerySchema } from "@/lib/context-pack/schema";
import { searchParamsToObject } from "@/lib/interactions/schema";

export const GET = route<{ id: string }>("read", async (req, { params }) => {
  const { id } = await params;
  const query = parseOrThrow(PackQuerySchema, searchParamsToObject(new URL(req.url).searchParams), "pack query");
  return json(await getPackItems(id, query));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
