import { itemInteractionsRoute } from "@/lib/usage/item-interactions-route";

export const GET = itemInteractionsRoute("memory");
