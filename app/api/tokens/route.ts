import { readJsonBody } from "@/lib/api/body";
import { json, parseOrThrow, route } from "@/lib/api/route";
import { createToken } from "@/lib/auth/create-token";
import { listTokens } from "@/lib/auth/list-tokens";
import { CreateTokenSchema, toTokenRecord } from "@/lib/auth/token-schema";
import { otherMethods } from "@/lib/api/other-methods";

export const dynamic = "force-dynamic";

export const GET = route("admin", async () => json({ tokens: (await listTokens()).map(toTokenRecord) }));

// The answer is the only time the token is available.
export const POST = route("admin", async (req) => {
  const input = parseOrThrow(CreateTokenSchema, await readJsonBody(req), "token");
  return json(await createToken(input), 201);
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
