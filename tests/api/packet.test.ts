import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { dataBlocks, type PacketEnd, type PacketReview, type PacketTurn } from "@/lib/packet/format";
import { apiFetch, expectError, postJson, uid } from "../helpers/api";
import { captureRows } from "../helpers/chained-rows";
import { insertDirect, withDb } from "../helpers/db";
import { realisticSession } from "../helpers/realistic-session";
import { runScript } from "../helpers/run-script";

// Each test runs the verify-packet script a few times (a tsx start each).
const SLOW = 180_000;

const dir = mkdtempSync(join(tmpdir(), "packet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const verifyPacket = (file: string, ...args: string[]) => runScript("scripts/verify-packet.ts", [file, ...args]);

async function packetOf(sessionId: string) {
  const res = await apiFetch(`/api/sessions/${encodeURIComponent(sessionId)}/packet`);
  expect(res.status).toBe(200);
  const html = await res.text();
  return { res, html };
}

function save(name: string, html: string): string {
  const file = join(dir, name);
  writeFileSync(file, html);
  return file;
}

const blocksOf = (html: string) => dataBlocks(html).map((b) => ({ kind: b.kind, value: JSON.parse(b.text) as unknown }));
const turnsOf = (html: string) => blocksOf(html).filter((b) => b.kind === "turn").map((b) => b.value as PacketTurn);
const endOf = (html: string) => blocksOf(html).find((b) => b.kind === "end")!.value as PacketEnd;

/** A session of realistic turns captured through the API, with another session's captures between them and one turn completed later. */
async function seedSession(turns = 8) {
  const sessionId = uid("packet");
  const rows = realisticSession({ sessionId, turns, start: Date.now() });
  rows[2].prompt = `Hostile <script>alert("x")</script><img src="https://example.com/x.png"> & 日本語 مرحبا 🚀 ${rows[2].prompt}`;
  rows[4].response = "";
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 3) {
    ids.push(...(await captureRows(apiFetch, rows.slice(i, i + 3))));
    // Another session's links fall between this session's.
    await captureRows(apiFetch, [{ prompt: uid("other"), session_id: uid("elsewhere") }]);
  }
  const completed = await apiFetch(`/api/interactions/${ids[4]}`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ response: "Completed later: 完了 ✅" }),
  });
  expect(completed.status).toBe(200);
  // Reviews of a pack item of turn 2 (then corrected) and of the whole session.
  const review = async (path: string, body: Record<string, unknown>) => {
    const res = await postJson(path, body);
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const itemReview = await review(`/api/interactions/${ids[1]}/reviews`, { verdict: "problem", labels: ["stale-memory"], note: "<b>stale</b> 古い記憶 🙁", pointer: "/memories/0" });
  const correction = await review(`/api/interactions/${ids[1]}/reviews`, { verdict: "question", supersedes: itemReview, pointer: "/memories/0" });
  const sessionReview = await review(`/api/sessions/${encodeURIComponent(sessionId)}/reviews`, { verdict: "ok", note: "checked" });
  return { sessionId, ids, reviews: [itemReview, correction, sessionReview] };
}

const reviewsOf = (html: string) => blocksOf(html).filter((b) => b.kind === "review").map((b) => b.value as PacketReview);

describe("GET /api/sessions/{id}/packet", () => {
  it("answers one self-contained HTML download with every turn, its pack and its links, that verify-packet passes", async () => {
    const { sessionId, ids, reviews } = await seedSession();
    const { res, html } = await packetOf(sessionId);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="session-${sessionId}-packet\\.html"`));

    // Nothing that could make a request or run: no script but JSON data, no src, no link but to
    // a place in the page, no url().
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    expect(html.match(/<script[^>]*>/g)!.every((tag) => tag === '<script type="application/json" data-packet="head">' || /^<script type="application\/json" data-packet="(turn|review|path|end)">$/.test(tag))).toBe(true);
    expect(html).not.toMatch(/<(img|link|iframe|object|embed|audio|video|source|base|form)\b|<[^>]+\s(src|action)=|<[^>]+\shref="(?!#)/i);
    expect(/<style>([^<]*)<\/style>/.exec(html)![1]).not.toMatch(/url\(|@import/);
    // User text is escaped.
    expect(html).toContain("Hostile &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=&quot;https://example.com/x.png&quot;&gt; &amp; 日本語 مرحبا 🚀");

    const turns = turnsOf(html);
    expect(turns.map((t) => [t.turn, t.row.id])).toEqual(ids.map((id, i) => [i + 1, id]));
    expect(turns[4].row.response).toBe("Completed later: 完了 ✅");
    expect(turns[4].links.map((l) => l.kind)).toEqual(["capture", "completion"]);
    expect(turns.every((t) => t.links[0].kind === "capture")).toBe(true);
    // Pack marks and diffs are shown: 5 memories and 6 chunks used of 50 items per turn.
    expect(html).toContain("50 items: 11 used, 39 offered");
    expect(html).toContain("Context changes since turn 1");

    // The reviews, in chain order, each with its link; the note is escaped.
    expect(reviewsOf(html).map((r) => [r.review.id, r.link?.kind, r.link?.interaction_id])).toEqual(reviews.map((id) => [id, "review", id]));
    expect(html).toContain("&lt;b&gt;stale&lt;/b&gt; 古い記憶 🙁");
    expect(html).toContain(`superseded by review ${reviews[1]}`);
    expect(html).toMatch(/problem<\/span> on <a href="#turn-2">turn 2, pack item \/memories\/0<\/a>/);

    // The path holds the other session's links between, and ends at the head as stored.
    const end = endOf(html);
    expect(end).toMatchObject({ turns: 8, reviews: 3 });
    const path = blocksOf(html).filter((b) => b.kind === "path").flatMap((b) => (b.value as { path: unknown[][] }).path);
    expect(path.filter((e) => e.length === 2).length).toBeGreaterThanOrEqual(2);
    expect(path.filter((e) => e.length === 4).length).toBe(12);
    const [stored] = await withDb((db) => db.all<{ hash: string }>(Prisma.sql`SELECT hash FROM audit_chain WHERE seq = ${end.head!.seq}`));
    expect(end.head!.hash).toBe(stored.hash);

    const file = save("intact.html", html);
    const ok = await verifyPacket(file, "--head", end.head!.hash);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: "intact", turns: 8, reviews: 3, session_id: sessionId, problems: [] });
    expect((await verifyPacket(file)).code).toBe(0);

    const otherHead = "a".repeat(64);
    const wrongHead = await verifyPacket(file, "--head", otherHead);
    expect(wrongHead.code).toBe(1);
    expect(wrongHead.stderr).toContain(`not at the given head ${otherHead}`);
  }, SLOW);

  it("verify-packet names a one-character edit in the data, an edited shown text and a removed turn", async () => {
    const { sessionId, ids } = await seedSession(6);
    const { html } = await packetOf(sessionId);

    // One character of turn 2's prompt in its data block.
    const t2 = turnsOf(html)[1];
    const block = dataBlocks(html).filter((b) => b.kind === "turn")[1].text;
    const editedBlock = block.replace("Turn 2:", "Turn 3:");
    expect(editedBlock).not.toBe(block);
    const edited = await verifyPacket(save("edited.html", html.replace(block, editedBlock)));
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain(`turn 2 (interaction ${t2.row.id}), link ${t2.links[0].seq} (capture): the row in the packet does not give the link's content hash`);
    expect(edited.stderr).toContain("turn 2, field prompt: the text shown in the page differs from the data");

    // One character of the page's text only.
    const shown = html.replace('data-field="prompt">Turn 4:', 'data-field="prompt">Turn 5:');
    expect(shown).not.toBe(html);
    const shownRun = await verifyPacket(save("shown.html", shown));
    expect(shownRun.code).toBe(1);
    expect(shownRun.stderr).toContain("turn 4, field prompt: the text shown in the page differs from the data");

    // Turn 4 cut out, page and data.
    const start = html.indexOf('<article id="turn-4"');
    const cut = html.slice(0, start) + html.slice(html.indexOf("</article>\n", start) + "</article>\n".length);
    const removed = await verifyPacket(save("removed.html", cut));
    expect(removed.code).toBe(1);
    expect(removed.stderr).toContain("turn 4 is missing");
    expect(removed.stderr).toContain(`the capture link of interaction ${ids[3]} is covered but its record is missing from the packet`);

    // A review's note in its data, and a whole review cut out.
    const [itemReview, , sessionReview] = reviewsOf(html);
    const reviewBlock = dataBlocks(html).find((b) => b.kind === "review")!.text;
    const noteEdited = await verifyPacket(save("review-edited.html", html.replace(reviewBlock, reviewBlock.replace("stale", "fresh"))));
    expect(noteEdited.code).toBe(1);
    expect(noteEdited.stderr).toContain(`review ${itemReview.review.id}, link ${itemReview.link!.seq} (review): the review in the packet does not give the link's content hash`);
    const lastReview = html.lastIndexOf('<article class="review');
    const noReview = html.slice(0, lastReview) + html.slice(html.indexOf("</article>\n", lastReview) + "</article>\n".length);
    const reviewRemoved = await verifyPacket(save("review-removed.html", noReview));
    expect(reviewRemoved.code).toBe(1);
    expect(reviewRemoved.stderr).toContain(`review ${sessionReview.review.id} is covered but its record is missing from the packet (a review was removed)`);

    // An untouched copy still passes.
    expect((await verifyPacket(save("untouched.html", html))).code).toBe(0);
  }, SLOW);

  it("verifies a session with redacted turns from the records it embeds, and names an edited marker or record", async () => {
    const { sessionId, ids } = await seedSession(5);
    const redact = async (id: string, pointer: string) => {
      const res = await postJson(`/api/interactions/${id}/redactions`, { pointer, reason: "personal data: 個人情報" });
      expect(res.status, await res.clone().text()).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const promptRedaction = await redact(ids[1], "/prompt");
    const packRedaction = await redact(ids[1], "/context_pack/memories/3");
    await redact(ids[2], "/response");
    const { html } = await packetOf(sessionId);
    const turns = turnsOf(html);
    expect(turns[1].row.prompt).toBe("[redacted]");
    expect(turns[1].redactions.map((r) => r.id).sort()).toEqual([promptRedaction, packRedaction].sort());
    expect(turns[1].links.map((l) => l.kind)).toEqual(["capture", "redaction", "redaction"]);
    expect(turns[0].redactions).toEqual([]);

    const ok = await verifyPacket(save("redacted.html", html));
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: "intact", turns: 5 });

    // The marker of the pack redaction replaced by other content in the data.
    const block = dataBlocks(html).find((b) => b.kind === "turn" && b.text.includes(packRedaction))!.text;
    const turn = JSON.parse(block) as PacketTurn;
    const pack = JSON.parse(turn.row.context_pack) as { memories: unknown[] };
    pack.memories[3] = { id: "planted", text: "not what was removed" };
    const planted = JSON.stringify({ ...turn, row: { ...turn.row, context_pack: JSON.stringify(pack) } }).replace(/</g, "\\u003c");
    const markerRun = await verifyPacket(save("redacted-marker.html", html.replace(block, planted)));
    expect(markerRun.code).toBe(1);
    expect(markerRun.stderr).toContain(`interaction ${ids[1]} was changed where it was redacted`);

    // The prompt redaction's reason rewritten in its record.
    const record = '"pointer":"/prompt","reason":"personal data: 個人情報"';
    expect(block).toContain(record);
    const reasonRun = await verifyPacket(save("redacted-reason.html", html.replace(block, block.replace(record, '"pointer":"/prompt","reason":"routine cleanup"'))));
    expect(reasonRun.code).toBe(1);
    expect(reasonRun.stderr).toContain("the redaction record in the packet does not give the link's content hash");
  }, SLOW);

  it("exits 2 for a file it cannot read or that is no packet, and reports a turn written around the API as not chained", async () => {
    expect((await verifyPacket(join(dir, "absent.html"))).code).toBe(2);
    expect((await verifyPacket(save("page.html", "<!doctype html><p>hello</p>"))).code).toBe(2);
    expect((await verifyPacket(save("x.html", "x"), "--head", "nothex")).code).toBe(2);

    const sessionId = uid("unchained");
    await postJson("/api/interactions", { prompt: "chained", session_id: sessionId });
    const [direct] = await insertDirect([{ prompt: "written around the API", session_id: sessionId, created_at: Date.now() + 60_000 }]);
    const { html } = await packetOf(sessionId);
    expect(html).toContain("Not chained:");
    const run = await verifyPacket(save("unchained.html", html));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`turn 2 (interaction ${direct}): interaction ${direct} has no capture link`);
  }, SLOW);

  it("answers an unknown session with 404, a request without a token with 401, other methods with 405", async () => {
    await expectError(await apiFetch(`/api/sessions/${uid("none")}/packet`), 404, "not_found");
    await expectError(await apiFetch(`/api/sessions/${uid("none")}/packet`, { auth: false }), 401, "unauthorized");
    await expectError(await apiFetch(`/api/sessions/${uid("none")}/packet`, { method: "POST" }), 405, "method_not_allowed");
  }, SLOW);
});
