import http, { type IncomingMessage } from "node:http";
import { config } from "@/lib/config";

// Next.js hands route handlers and server actions a Request without its socket, and fills
// X-Forwarded-For with the peer's address only when the client did not send one: a client
// could name any address there. So the server stamps the socket's own address on every
// request under a header of its own, overwriting whatever the client sent under that name.
export const PEER_HEADER = "x-atocore-peer-address";

let stamped = false;

/** Called once at start-up (instrumentation.ts): every HTTP request carries its peer's address. */
export function stampPeerAddresses() {
  if (stamped) return;
  stamped = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as IncomingMessage;
      req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}

/**
 * The address a request came from: the socket's peer, or with TRUST_PROXY=1 (one reverse
 * proxy in front) the last X-Forwarded-For entry, the one that proxy appended; entries
 * before it are whatever the client sent.
 */
export function clientAddress(headers: Headers): string {
  if (config().TRUST_PROXY) {
    const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (forwarded.length > 0) return forwarded[forwarded.length - 1];
  }
  return headers.get(PEER_HEADER) || "unknown";
}
