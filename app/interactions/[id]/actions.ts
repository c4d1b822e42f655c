"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { callerName, viewerScopes } from "@/lib/auth/caller";
import { isSameOrigin } from "@/lib/auth/same-origin";
import { AppError } from "@/lib/errors";
import { redactInteraction } from "@/lib/redactions/redact";
import { RedactionBodySchema } from "@/lib/redactions/schema";

// The viewer's redact action: the API's redaction, for a signed-in token with the redact
// scope, from a page of this site only (Next.js also refuses a server action whose Origin
// does not match). The page shows the outcome from its URL.
export async function redactFromViewer(form: FormData) {
  const id = String(form.get("interaction_id") ?? "");
  const back = (query: string) => `/interactions/${encodeURIComponent(id)}?${query}#redactions`;
  const h = await headers();
  if (!isSameOrigin(h) || !(await viewerScopes(h))("redact")) redirect(back("redact_error=forbidden"));
  const body = RedactionBodySchema.safeParse({ pointer: form.get("pointer"), reason: form.get("reason") });
  if (!body.success) redirect(back(`redact_error=${encodeURIComponent(body.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; "))}`));
  try {
    await redactInteraction(id, body.data, await callerName(h));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    redirect(back(`redact_error=${encodeURIComponent(err.message)}`));
  }
  redirect(back(`redacted=${encodeURIComponent(body.data.pointer)}`));
}
