import { json, route } from "@/lib/api/route";
import { getInteractionPackDiff } from "@/lib/sessions/get-interaction-pack-diff";
import { otherMethods } from "@/lib/api/other-methods";

/** The interaction's context pack compared with the previous turn's of its session. */
export const GET = route<{ id: string }>("read", async (_req, { params }) => {
  const { id } = await params;
  return json(await getInteractionPackDiff(id));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
