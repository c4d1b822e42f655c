import { otherMethods } from "@/lib/api/other-methods";
import { itemDetailRoute } from "@/lib/memory-audit/routes";

export const GET = itemDetailRoute("memory");

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
