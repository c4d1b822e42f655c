import net from "node:net";

/**
 * A TCP proxy in front of the test server that can play an outage on a stable address:
 * "up" forwards, "down" refuses connections (nothing listens), "hang" accepts and never
 * answers. Every byte clients sent is kept in `received()` (to check request headers).
 * It works below HTTP (a refused connection, not a reset one); faults inside an HTTP
 * exchange (a lost answer, a 503) are flaky-proxy.ts's.
 */
export type SwitchableProxy = {
  url: string;
  setMode: (mode: "up" | "down" | "hang") => Promise<void>;
  received: () => string;
  close: () => Promise<void>;
};

export async function startSwitchableProxy(target: string): Promise<SwitchableProxy> {
  const { hostname, port: targetPort } = new URL(target);
  let mode: "up" | "down" | "hang" = "up";
  let received = "";
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => s.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    client.on("data", (d) => (received += d.toString("latin1")));
    if (mode === "hang") return;
    const upstream = net.connect(Number(targetPort), hostname);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    upstream.on("close", () => client.destroy());
    client.on("close", () => upstream.destroy());
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  const port = await listen(0);
  return {
    url: `http://127.0.0.1:${port}`,
    async setMode(next) {
      if (next === mode) return;
      if (mode === "down") await listen(port);
      if (next === "down") await stopListening();
      else for (const s of sockets) s.destroy(); // no connection carries over to the new mode
      mode = next;
    },
    received: () => received,
    async close() {
      if (mode !== "down") await stopListening();
      mode = "down";
    },
  };
}
