import { route } from "@/lib/api/route";
import { otherMethods } from "@/lib/api/other-methods";
import { exportPacket } from "@/lib/packet/export-packet";

export const GET = route<{ sessionId: string }>("read", async (_req, { params }) => {
  const { sessionId } = await params;
  const { body, filename } = await exportPacket(sessionId);
  return new Response(body, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      // Opened from the server, the packet may load nothing either.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
