import { otherMethods } from "@/lib/api/other-methods";
import { itemReportRoute } from "@/lib/memory-audit/routes";

export const GET = itemReportRoute("chunk");

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
