import { json } from "@/lib/api/route";
import { AppError, toErrorBody } from "@/lib/errors";

// Unknown API paths answer with the JSON envelope rather than the HTML 404 page.
function notFound(req: Request) {
  const { pathname } = new URL(req.url);
  return json(toErrorBody(new AppError("not_found", `No API route at ${pathname}`)), 404);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
