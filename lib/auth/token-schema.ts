import { z } from "zod";
import { SCOPES } from "@/lib/auth/scopes";
import type { TokenInfo } from "@/lib/auth/list-tokens";

/** Body of `POST /api/tokens`. */
export const CreateTokenSchema = z.strictObject({
  name: z.string({ error: "name must be a string" }).trim().min(1, "name must not be blank").max(200, "name is longer than 200 characters"),
  scopes: z
    .array(z.enum(SCOPES, { error: `scopes are ${SCOPES.join(", ")}` }), { error: "scopes must be an array" })
    .min(1, "scopes must name at least one scope")
    .transform((s) => [...new Set(s)]),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A token as the API lists it: never its hash, never the token. */
export function toTokenRecord(t: TokenInfo) {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes.split(","),
    created_at: iso(t.created_at),
    last_used_at: iso(t.last_used_at),
    revoked_at: iso(t.revoked_at),
  };
}
