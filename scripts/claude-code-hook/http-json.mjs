// One JSON request over node:http(s). Not fetch: loading fetch's implementation costs a hook run
// more time than the request itself, and the hook runs on every prompt.
import http from "node:http";
import https from "node:https";

const USER_AGENT = "atocore-audit-claude-code-hook/1";

/** A Retry-After header (delay-seconds or an HTTP date) in ms, or null when absent or unreadable. */
export function retryAfterMs(header, now = Date.now()) {
  const value = typeof header === "string" ? header.trim() : "";
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = value ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Sends `body` (if any) as JSON and resolves { status, json, retryAfterMs } (json null when the
 * answer is not JSON; retryAfterMs the Retry-After header in ms, or null). Rejects on network
 * errors and when the whole exchange takes longer than timeoutMs.
 */
export function requestJson(cfg, method, path, body, timeoutMs) {
  const url = new URL(`${cfg.url}${path}`);
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body), "utf8");
  const headers = { accept: "application/json", "user-agent": USER_AGENT };
  if (data) Object.assign(headers, { "content-type": "application/json", "content-length": data.length });
  if (cfg.token) headers.authorization = `Bearer ${cfg.token}`;
  return new Promise((resolve, reject) => {
    const req = (url.protocol === "https:" ? https : http).request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        clearTimeout(timer);
        let json = null;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          // not JSON: only the status matters then
        }
        resolve({ status: res.statusCode, json, retryAfterMs: retryAfterMs(res.headers["retry-after"]) });
      });
    });
    const timeout = Object.assign(new Error("timed out"), { code: "ETIMEDOUT" });
    const timer = setTimeout(() => req.destroy(timeout), Math.max(50, timeoutMs));
    req.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(data);
  });
}
