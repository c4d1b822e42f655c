import { json, route } from "@/lib/api/route";
import { verifyStoredChain } from "@/lib/audit/verify-stored-chain";
import { otherMethods } from "@/lib/api/other-methods";

/** Recomputes the tamper-evidence chain and reports the first broken link. */
export const GET = route("read", async () => json(await verifyStoredChain()));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
