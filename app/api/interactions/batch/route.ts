import { readJsonBody } from "@/lib/api/body";
import { json, parseOrThrow, route } from "@/lib/api/route";
import { BatchBodySchema } from "@/lib/interactions/batch-schema";
import { recordBatch } from "@/lib/interactions/record-batch";
import { otherMethods } from "@/lib/api/other-methods";

// 200 whenever the request itself was sound, whatever became of each item: the per-item
// statuses are in the body.
export const POST = route("capture", async (req) => {
  const { interactions } = parseOrThrow(BatchBodySchema, await readJsonBody(req), "batch");
  return json(await recordBatch(interactions));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
