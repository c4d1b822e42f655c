import { otherMethods } from "@/lib/api/other-methods";
import { itemListRoute } from "@/lib/memory-audit/routes";

export const GET = itemListRoute("chunk");

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
