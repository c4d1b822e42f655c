import { json, route } from "@/lib/api/route";
import { checkHealth } from "@/lib/health";
import { otherMethods } from "@/lib/api/other-methods";

export const dynamic = "force-dynamic";

// Public: load balancers and uptime checks carry no token, and the answer reveals nothing.
export const GET = route("public", async () => {
  await checkHealth();
  return json({ status: "ok" });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
