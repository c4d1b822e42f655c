import { readJsonBody } from "@/lib/api/body";
import { json, parseOrThrow, rawJson, route } from "@/lib/api/route";
import { findInteractions } from "@/lib/interactions/find-interactions";
import { recordInteraction } from "@/lib/interactions/record-interaction";
import { captureBodySchema, ListQuerySchema, searchParamsToObject } from "@/lib/interactions/schema";
import { otherMethods } from "@/lib/api/other-methods";
import { secretsRedacted } from "@/lib/redactions/schema";

export const POST = route("capture", async (req) => {
  const input = parseOrThrow(captureBodySchema(), await readJsonBody(req), "interaction");
  const { status, interaction, secrets } = await recordInteraction(input);
  return json({ ...interaction, ...secretsRedacted(secrets) }, status === "created" ? 201 : 200);
});

export const GET = route("read", async (req) => {
  const params = searchParamsToObject(new URL(req.url).searchParams);
  const query = parseOrThrow(ListQuerySchema, params, "query");
  return rawJson(await findInteractions(query));
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
