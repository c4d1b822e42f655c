import { otherMethods } from "@/lib/api/other-methods";
import { reviewsRoutes } from "@/lib/reviews/reviews-route";

export const { GET, POST } = reviewsRoutes<{ id: string }>("interaction");
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
