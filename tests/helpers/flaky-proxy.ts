import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type Fault = "lose-answer" | "503" | "reset";

/**
 * An HTTP proxy in front of a real server that injects faults on demand: `reset` cuts the
 * connection before the request reaches the server, `lose-answer` forwards it (so the server
 * stores it) and then cuts the connection instead of answering, `503` answers 503. While
 * `target` is null every request is reset, as when the server is down.
 */
export async function startFlakyProxy(target: string | null) {
  const faults: Fault[] = [];
  const seen: { method: string; url: string; authorization?: string; body: string }[] = [];
  const state = { target };
  // Paths answered 405 with no body, as an older server without that route answers.
  const missing = new Set<string>();

  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body: body.toString("utf8") });
    if (missing.has(req.url!)) {
      res.writeHead(405);
      return res.end();
    }
    const fault = faults.shift();
    if (fault === "reset" || state.target === null) return req.socket.destroy();
    if (fault === "503") {
      res.writeHead(503, { "content-type": "application/json" });
      return res.end(JSON.stringify({ error: { code: "unavailable", message: "injected" } }));
    }
    let upstream: Response;
    try {
      upstream = await fetch(state.target + req.url, {
        method: req.method,
        headers: {
          "content-type": req.headers["content-type"] ?? "application/json",
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        },
        body: req.method === "GET" ? undefined : body,
      });
    } catch {
      return req.socket.destroy();
    }
    const answer = Buffer.from(await upstream.arrayBuffer());
    if (fault === "lose-answer") return req.socket.destroy();
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(answer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    /** Requests the proxy received, in order. */
    seen,
    inject: (...f: Fault[]) => faults.push(...f),
    hide: (path: string) => missing.add(path),
    retarget: (url: string | null) => {
      state.target = url;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
