import { readJsonBody } from "@/lib/api/body";
import { otherMethods } from "@/lib/api/other-methods";
import { json, parseOrThrow, route } from "@/lib/api/route";
import { callerName } from "@/lib/auth/caller";
import { listRedactions, redactInteraction } from "@/lib/redactions/redact";
import { RedactionBodySchema } from "@/lib/redactions/schema";

/** The interaction's redactions, oldest first. */
export const GET = route<{ id: string }>("read", async (_req, { params }) => {
  const { id } = await params;
  return json({ redactions: await listRedactions(id) });
});

/** Redacts one field or pack subtree: 201 with the record. */
export const POST = route<{ id: string }>("redact", async (req, { params }) => {
  const { id } = await params;
  const body = parseOrThrow(RedactionBodySchema, await readJsonBody(req), "redaction");
  return json(await redactInteraction(id, body, await callerName(req.headers)), 201);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
