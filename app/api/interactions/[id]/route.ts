import { json, route } from "@/lib/api/route";
import { getInteraction } from "@/lib/interactions/get-interaction";

export const GET = route<{ id: string }>("read", async (_req, { params }) => {
  const { id } = await params;
  return json(await getInteraction(id));
});
