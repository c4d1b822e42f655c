import { json, errorResponse } from "@/lib/api/route";
import { checkHealth } from "@/lib/health";
import { otherMethods } from "@/lib/api/other-methods";

export const dynamic = "force-dynamic";

// Open to everyone (load balancers and uptime checks carry no token); it reveals nothing.
export async function GET() {
  try {
    await checkHealth();
    return json({ status: "ok" });
  } catch (err) {
    return errorResponse(err);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
