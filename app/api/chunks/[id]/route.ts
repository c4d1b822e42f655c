import { otherMethods } from "@/lib/api/other-methods";
import { itemDetailRoute } from "@/lib/memory-audit/routes";

export const GET = itemDetailRoute("chunk");

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
