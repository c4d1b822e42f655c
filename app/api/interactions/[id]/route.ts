import { readJsonBody } from "@/lib/api/body";
import { parseOrThrow, rawJson, route } from "@/lib/api/route";
import { completeInteraction, refuseOtherFields } from "@/lib/interactions/complete-interaction";
import { getInteractionJson } from "@/lib/interactions/get-interaction";
import { completionBodySchema } from "@/lib/interactions/schema";
import { otherMethods } from "@/lib/api/other-methods";
import { secretsRedacted } from "@/lib/redactions/schema";

export const GET = route<{ id: string }>("read", async (_req, { params }) => {
  const { id } = await params;
  return rawJson(await getInteractionJson(id));
});

/** Completes a partial turn: adds response and/or response_summary while they are empty. */
export const PATCH = route<{ id: string }>("capture", async (req, { params }) => {
  const { id } = await params;
  const body = await readJsonBody(req);
  refuseOtherFields(body);
  const input = parseOrThrow(completionBodySchema(), body, "completion");
  const { secrets } = await completeInteraction(id, input);
  return rawJson(await getInteractionJson(id, secretsRedacted(secrets)));
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods("GET", "PATCH");
