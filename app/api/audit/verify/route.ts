import { json, route } from "@/lib/api/route";
import { verifyStoredChain } from "@/lib/audit/verify-stored-chain";

/** Recomputes the tamper-evidence chain and reports the first broken link. */
export const GET = route("read", async () => json(await verifyStoredChain()));
