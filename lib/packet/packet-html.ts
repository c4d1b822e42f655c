import type { PackAnalysis } from "@/lib/context-pack/analyze-pack";
import type { PacketLink } from "@/lib/db/contract/packet";
import { formatCount } from "@/lib/format-count";
import { utcLabel } from "@/lib/format-time";
import type { InteractionRecord } from "@/lib/interactions/schema";
import { cutText } from "@/lib/sessions/cut-text";
import { fullItemText } from "@/lib/sessions/pack-item-text";
import type { PackDiff, SessionSummary } from "@/lib/sessions/schema";
import type { PacketEnd } from "@/lib/packet/format";
import type { ReviewRecord } from "@/lib/reviews/schema";

// The readable part of an audit packet: plain HTML with inline styles, no script, no request
// of any kind (the CSP meta forbids every fetch), so it reads the same offline, with
// JavaScript off, years later. Every text from the database goes through esc(): nothing is
// rendered as HTML.

/** How much of one pack item's text the page shows; the whole pack is in the turn's data. */
export const ITEM_TEXT_CHARS = 1000;

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** The inverse of esc(), for the verifier's comparison of the shown text with the data. */
export const unesc = (html: string) => html.replace(/&(amp|lt|gt|quot|#39);/g, (e) => Object.entries(ENTITIES).find(([, v]) => v === e)![0]);

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK JP","Noto Sans Arabic",sans-serif;margin:0;color:#1f2933;background:#f5f6f8}
main{max-width:1100px;margin:0 auto;padding:16px}
header,article,section{background:#fff;border:1px solid #d9dde3;border-radius:8px;padding:12px 16px;margin:12px 0}
h1{font-size:22px;margin:4px 0 8px}h2{font-size:18px;margin:4px 0}h3{font-size:14px;margin:12px 0 4px;color:#52606d;text-transform:uppercase;letter-spacing:.04em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}dt{color:#52606d}dd{margin:0;overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f8f9fb;border:1px solid #e4e7eb;border-radius:4px;padding:8px;margin:0;font:13px/1.45 ui-monospace,"DejaVu Sans Mono","Noto Sans Mono CJK JP",monospace}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e4e7eb;padding:4px 6px;text-align:left;vertical-align:top}
td pre{border:0;background:none;padding:0}
.meta{color:#52606d;font-size:13px;font-weight:normal}.hash{font-family:ui-monospace,monospace;font-size:12px;overflow-wrap:anywhere}
.mark{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}
.used{background:#d5f5e3;color:#14532d}.offered{background:#eef0f3;color:#3e4c59}
.entered{color:#14532d}.left{color:#9b1c1c}.changed{color:#8a4b00}
.note{color:#52606d;font-size:13px}
.verdict{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;background:#eef0f3}
.v-ok{background:#d5f5e3;color:#14532d}.v-problem{background:#fde2e1;color:#9b1c1c}.v-question{background:#fff1c2;color:#8a4b00}
.review{border-top:1px solid #e4e7eb;padding:8px 0}.superseded{opacity:.65}
`;

// default-src 'none' forbids every request (scripts, styles, fonts, images, frames);
// only the inline style element is allowed.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const dd = (label: string, value: string) => `<dt>${esc(label)}</dt><dd dir="auto">${esc(value)}</dd>`;
const listOrNone = (values: readonly string[]) => (values.length ? values.join(", ") : "(none)");

/** The document's start: head, styles and the session's summary. */
export function packetStartHtml(session: SessionSummary, exportedAt: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audit packet · session ${esc(session.session_id)}</title>
<style>${STYLE}</style></head>
<body><main>
<header data-testid="packet-header">
<h1>Audit packet · session <span dir="auto">${esc(session.session_id)}</span></h1>
<dl>${[
    dd("Turns", formatCount(session.turns)),
    dd("Projects", listOrNone(session.projects)),
    dd("Clients", listOrNone(session.clients)),
    dd("First turn", utcLabel(Date.parse(session.first_at))),
    dd("Last turn", utcLabel(Date.parse(session.last_at))),
    dd("Exported", utcLabel(Date.parse(exportedAt))),
  ].join("")}</dl>
<p class="note">Every turn below is the record as stored, with the audit-chain links that cover it. The data the links were
computed from is embedded in this file; <code>npm run verify-packet -- FILE --head HASH</code> recomputes every hash offline
and checks that the links lead to the chain's head (compare HASH with the head the server reports at /audit).</p>
</header>
`;
}

function packTable(analysis: PackAnalysis): string {
  if (analysis.items.length === 0) return `<p class="note">The context pack has no items.</p>`;
  const rows = analysis.items.map(
    (item) =>
      `<tr><td><span class="mark ${item.mark}">${item.mark}</span></td><td>${item.kind}</td><td dir="auto">${esc(item.id)}</td>` +
      `<td class="hash">${esc(item.pointer)}</td><td><pre dir="auto">${esc(cutText(fullItemText(item.value), ITEM_TEXT_CHARS))}</pre></td></tr>`,
  );
  const missing = [...analysis.missingMemories.map((id) => `memory ${id}`), ...analysis.missingChunks.map((id) => `chunk ${id}`)];
  return `<table data-testid="packet-pack"><thead><tr><th>Mark</th><th>Kind</th><th>Id</th><th>Pointer</th><th>Text</th></tr></thead><tbody>${rows.join("")}</tbody></table>${
    missing.length ? `<p class="note">Reported as used but not in the pack: <span dir="auto">${esc(missing.join(", "))}</span></p>` : ""
  }`;
}

function diffHtml(diff: PackDiff | null, turn: number): string {
  if (diff === null) return "";
  const c = diff.counts;
  const head = `<h3>Context changes since turn ${turn - 1}</h3><p class="note">${c.entered} entered · ${c.left} left · ${c.text_changed} text changed · ${c.mark_changed} mark changed · ${c.unchanged} unchanged</p>`;
  if (diff.items.length === 0) return head;
  const items = diff.items.map((item) => {
    const what =
      item.change === "changed"
        ? [item.text_changed ? "text changed" : "", item.mark_changed ? `now ${item.mark} (was ${item.previous_mark})` : ""].filter(Boolean).join(", ")
        : item.change === "entered"
          ? `entered (${item.mark})`
          : `left (was ${item.mark})`;
    return `<li class="${item.change}">${item.kind} <span dir="auto">${esc(item.id)}</span> ${esc(what)}: <span dir="auto">${esc(item.text)}</span></li>`;
  });
  return `${head}<ul data-testid="packet-diff">${items.join("")}</ul>`;
}

export function linksHtml(links: readonly PacketLink[]): string {
  if (links.length === 0) return `<p class="note"><strong>Not chained:</strong> no audit-chain link covers this record (it was written around the API).</p>`;
  const rows = links.map(
    (l) =>
      `<tr><td>${l.seq}</td><td>${esc(l.kind)}${l.fields ? ` (${esc(l.fields)})` : ""}</td><td class="hash">${esc(l.content_hash)}</td><td class="hash">${esc(l.prev_hash)}</td><td class="hash">${esc(l.hash)}</td></tr>`,
  );
  return `<table><thead><tr><th>Link</th><th>Kind</th><th>Content hash</th><th>Previous hash</th><th>Hash</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/** A field the verifier compares with the data: its element names the turn and the field. */
export const shownField = (turn: number, field: "prompt" | "response" | "response_summary", text: string) =>
  `<pre dir="auto" data-turn="${turn}" data-field="${field}">${esc(text)}</pre>`;

export type TurnHtmlInput = { turn: number; record: InteractionRecord; analysis: PackAnalysis; diff: PackDiff | null; links: readonly PacketLink[] };

/** One turn: prompt, response, the pack with its marks, the changes since the previous turn, its links. */
export function turnHtml({ turn, record, analysis, diff, links }: TurnHtmlInput): string {
  const meta = [utcLabel(Date.parse(record.created_at)), `client ${record.client || "(none)"}`, `project ${record.project || "(none)"}`, `interaction ${record.id}`];
  return `<article id="turn-${turn}" data-testid="packet-turn">
<h2>Turn ${turn} <span class="meta" dir="auto">${esc(meta.join(" · "))}</span></h2>
<h3>Prompt</h3>${shownField(turn, "prompt", record.prompt)}
<h3>Response</h3>${record.response ? shownField(turn, "response", record.response) : `<p class="note">No response recorded.</p>`}
${record.response_summary ? `<h3>Response summary</h3>${shownField(turn, "response_summary", record.response_summary)}` : ""}
<h3>Context pack · ${formatCount(analysis.items.length)} items: ${formatCount(analysis.used)} used, ${formatCount(analysis.offered)} offered</h3>
<p class="note">Memories used: <span dir="auto">${esc(listOrNone(record.memories_used))}</span> · chunks used: <span dir="auto">${esc(listOrNone(record.chunks_used))}</span></p>
${packTable(analysis)}
${diffHtml(diff, turn)}
<h3>Audit-chain links</h3>${linksHtml(links)}
`;
}

export const TURN_END_HTML = "</article>\n";

export const REVIEWS_START_HTML = `<section data-testid="packet-reviews"><h2>Reviews</h2>\n`;

export type ReviewHtmlInput = { review: ReviewRecord; seq: number; turn: number | null; links: readonly PacketLink[] };

/** One review: what it targets (a turn, a pack item of it, the session), verdict, labels, note, author, time, what it supersedes, its link. */
export function reviewHtml({ review: r, turn, links }: ReviewHtmlInput): string {
  const target =
    "interaction_id" in r.target
      ? `${turn === null ? `interaction ${r.target.interaction_id} (not in this packet)` : `turn ${turn}`}${r.target.pointer ? `, pack item ${r.target.pointer}` : ""}`
      : "the session";
  const verdict = r.retract ? `<span class="verdict">retraction</span>` : `<span class="verdict v-${esc(r.verdict ?? "")}">${esc(r.verdict ?? "")}</span>`;
  const about = turn === null ? esc(target) : `<a href="#turn-${turn}">${esc(target)}</a>`;
  const history = [r.supersedes ? `supersedes review ${r.supersedes}` : "", r.superseded_by ? `superseded by review ${r.superseded_by}` : ""].filter(Boolean).join(" · ");
  return `<article class="review${r.superseded_by ? " superseded" : ""}" data-testid="packet-review">
<p>${verdict} on ${about} · by <span dir="auto">${esc(r.author)}</span> · ${esc(utcLabel(Date.parse(r.created_at)))}</p>
${r.labels.length ? `<p class="note">Labels: ${esc(r.labels.join(", "))}</p>` : ""}
${r.note ? `<pre dir="auto">${esc(r.note)}</pre>` : ""}
<p class="note">Review ${esc(r.id)}${history ? ` · ${esc(history)}` : ""}</p>
${linksHtml(links)}
`;
}

export const REVIEW_END_HTML = "</article>\n";

export function reviewsEndHtml(count: number): string {
  return `${count === 0 ? `<p class="note">No reviews.</p>` : ""}</section>\n`;
}

/** The chain section and the document's end. */
export function packetEndHtml(end: PacketEnd, pathLinks: number): string {
  const text = end.start && end.head
    ? `The path holds the ${formatCount(pathLinks)} links from link ${end.start.seq} (the first covering this session) to the head, link ${end.head.seq}; links of other sessions appear only as their content hashes.`
    : "No link of the chain covers this session.";
  return `<section data-testid="packet-chain"><h2>Audit chain</h2><dl>${[
    dd("Head at export", end.head ? `link ${end.head.seq}` : "(empty chain)"),
    dd("Head hash", end.head?.hash ?? "-"),
    dd("Path starts after", end.start ? end.start.prev_hash : "-"),
  ].join("")}</dl><p class="note">${esc(text)}</p></section>
</main></body></html>
`;
}
