import { itemInteractionsRoute } from "@/lib/usage/item-interactions-route";
import { otherMethods } from "@/lib/api/other-methods";

export const GET = itemInteractionsRoute("chunk");

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
