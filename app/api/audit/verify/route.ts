import { json, parseOrThrow, route } from "@/lib/api/route";
import { VerifyQuerySchema } from "@/lib/audit/schema";
import { startFullVerification } from "@/lib/audit/verify-job";
import { verifyNow } from "@/lib/audit/verify-now";
import { searchParamsToObject } from "@/lib/interactions/schema";
import { otherMethods } from "@/lib/api/other-methods";

/** Recomputes the tamper-evidence chain (all of it, or since the checkpoint) and reports the first broken link. */
export const GET = route("read", async (req) =>
  json(await verifyNow(parseOrThrow(VerifyQuerySchema, searchParamsToObject(new URL(req.url).searchParams), "query"))),
);

/** Starts a full verification in the background (or finds the one running): 202 with its progress. */
export const POST = route("read", async () => {
  return json({ job: startFullVerification() }, 202);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
