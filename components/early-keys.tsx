import { headers } from "next/headers";

// Keys pressed before the page's JavaScript has hydrated would be lost: the rows and the search
// box are on screen as soon as their HTML arrives, the listeners only later. This script, first
// in the body, records the navigation keys (j, k, "/"; never a key that writes, like a verdict)
// until the component that handles each registers and presses them again
// (components/replay-early-keys.ts). A constant: no request data goes into it.
const SCRIPT = `(function () {
  var wanted = { j: 1, k: 1, "/": 1 };
  var queue = [];
  function typing(t) { return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)); }
  document.addEventListener("keydown", function (e) {
    if (!wanted[e.key] || !e.isTrusted || e.altKey || e.ctrlKey || e.metaKey || typing(e.target) || queue.length >= 20) return;
    queue.push(e.key);
    if (e.key === "/") e.preventDefault();
  });
  window.__atocoreEarlyKeys = function (keys) {
    keys.forEach(function (k) { delete wanted[k]; });
    var taken = queue.filter(function (k) { return keys.indexOf(k) >= 0; });
    queue = queue.filter(function (k) { return keys.indexOf(k) < 0; });
    return taken;
  };
})();`;

/** The script, with this request's CSP nonce (none on a page the viewer may not see: no script then). */
export async function EarlyKeys() {
  const nonce = (await headers()).get("x-nonce");
  return nonce ? <script nonce={nonce} dangerouslySetInnerHTML={{ __html: SCRIPT }} /> : null;
}
