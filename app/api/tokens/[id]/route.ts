import { json, route } from "@/lib/api/route";
import { revokeToken } from "@/lib/auth/revoke-token";
import { NotFoundError } from "@/lib/errors";
import { otherMethods } from "@/lib/api/other-methods";

export const DELETE = route<{ id: string }>("admin", async (_req, ctx) => {
  const { id } = await ctx.params;
  if ((await revokeToken(id)) === 0) throw new NotFoundError(`No active token with id or name ${id}`);
  return json({ revoked: id });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
