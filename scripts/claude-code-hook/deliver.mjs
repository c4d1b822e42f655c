// Sends one spooled event to the server and says what became of it:
//   "delivered" - stored (or already stored: the server answers a repeated id with the record),
//   "rejected"  - the server will never accept it (kept in rejected.jsonl for a person to look at),
//   "retry"     - the server is unreachable, failing, or refusing us for now (a token problem,
//                 a server without PATCH yet): keep it, and everything after it, for the next run;
//                 retryAfterMs is how long the server asked us to wait (Retry-After), if it did.
import { requestJson } from "./http-json.mjs";

// 401/403: fix the token and the spool goes through. 405: a server too old to complete turns.
const RETRY_STATUS = new Set([401, 403, 405, 408, 425, 429]);

const interactionPath = (id) => `/api/interactions/${encodeURIComponent(id)}`;

// A 409 can still mean our event is in: a record replayed after its turn was completed no
// longer matches the stored row, and a completion replayed after it went through may meet a
// server that compares. Look at the stored turn to tell.
async function alreadyThere(cfg, event, deadline) {
  const { status, json } = await requestJson(cfg, "GET", interactionPath(event.id), undefined, deadline - Date.now());
  if (status !== 200 || !json) return false;
  if (event.op === "record") return json.prompt === event.body.prompt && json.session_id === event.body.session_id;
  return Object.entries(event.body).every(([field, value]) => json[field] === value);
}

/** Delivers one event before `deadline` (epoch ms). Returns { outcome, status?, code?, error? }. */
export async function deliver(cfg, event, deadline) {
  try {
    const { status, json, retryAfterMs } =
      event.op === "record"
        ? await requestJson(cfg, "POST", "/api/interactions", event.body, deadline - Date.now())
        : await requestJson(cfg, "PATCH", interactionPath(event.id), event.body, deadline - Date.now());
    const code = json?.error?.code;
    if (status === 200 || status === 201) return { outcome: "delivered", status };
    if (status === 409) {
      return (await alreadyThere(cfg, event, deadline))
        ? { outcome: "delivered", status, code }
        : { outcome: "rejected", status, code };
    }
    if (status >= 500 || RETRY_STATUS.has(status)) return { outcome: "retry", status, code, ...(retryAfterMs !== null ? { retryAfterMs } : {}) };
    return { outcome: "rejected", status, code };
  } catch (err) {
    // Connection refused or reset, DNS, timeout: the server is not there for us right now.
    return { outcome: "retry", error: err?.code ?? String(err) };
  }
}
