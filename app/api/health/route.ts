import { json, route } from "@/lib/api/route";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  await checkHealth();
  return json({ status: "ok" });
});
