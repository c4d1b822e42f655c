import { itemInteractionsRoute } from "@/lib/usage/item-interactions-route";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = itemInteractionsRoute("memory");

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
