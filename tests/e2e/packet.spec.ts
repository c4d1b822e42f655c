import { expect, test } from "@playwright/test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { shoot, uid } from "./seed";

// The audit packet as a third party gets it: downloaded with the session page's button, then
// opened from a file in a browser with JavaScript off and every network request blocked. It
// must show everything without asking for anything.

async function seedSession(request: import("@playwright/test").APIRequestContext) {
  const session_id = uid("packet");
  const turns = [
    {
      prompt: "東京のサーバーはいつ再起動しますか？",
      response: "毎晩三時です 🌙",
      memories_used: ["m1"],
      context_pack: { memories: [{ id: "m1", text: "東京のサーバーは毎晩三時に再起動されます。" }, { id: "m2", text: "Backups are encrypted." }] },
    },
    {
      prompt: "هل النسخ الاحتياطية مشفرة؟ <img src=x onerror=alert(1)>",
      response: "نعم، دائمًا.",
      memories_used: ["m2"],
      chunks_used: ["c1"],
      context_pack: {
        memories: [{ id: "m2", text: "Backups are encrypted." }, { id: "m3", text: "Keys rotate monthly." }],
        chunks: [{ chunk_id: "c1", text: "Runbook: restoring a backup takes 20 minutes." }],
      },
    },
    { prompt: "Thanks <script>document.title = 'pwned'</script>", response_summary: "Closed the conversation.", memories_used: [] },
  ];
  for (const t of turns) {
    const res = await request.post("/api/interactions", { data: { ...t, session_id, client: "claude-code", project: "e2e-packet" } });
    expect(res.status()).toBe(201);
  }
  const ids = ((await (await request.get(`/api/sessions/${encodeURIComponent(session_id)}`)).json()) as { turns: { id: string }[] }).turns.map((t) => t.id);
  const reviewed = await request.post(`/api/interactions/${ids[1]}/reviews`, {
    data: { verdict: "problem", labels: ["stale-memory"], note: "Memory m3 is out of date <i>since May</i>", pointer: "/memories/1" },
  });
  expect(reviewed.status()).toBe(201);
  expect((await request.post(`/api/sessions/${encodeURIComponent(session_id)}/reviews`, { data: { verdict: "ok" } })).status()).toBe(201);
  return session_id;
}

test("the audit packet, downloaded from the session page, renders fully offline with JavaScript off", async ({ page, request, browser }) => {
  test.setTimeout(120_000);
  const sessionId = await seedSession(request);
  await page.goto(`/sessions/${encodeURIComponent(sessionId)}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("packet-download").click()]);
  expect(download.suggestedFilename()).toBe(`session-${sessionId}-packet.html`);
  const file = join(mkdtempSync(join(tmpdir(), "packet-e2e-")), download.suggestedFilename());
  await download.saveAs(file);
  expect(readFileSync(file, "utf8")).toContain('data-packet="end"');

  const context = await browser.newContext({ javaScriptEnabled: false, storageState: undefined, extraHTTPHeaders: {} });
  const offline = await context.newPage();
  const url = pathToFileURL(file).href;
  const attempted: string[] = [];
  offline.on("request", (r) => {
    if (r.url() !== url) attempted.push(r.url());
  });
  await offline.route("**", (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await offline.goto(url);
  await offline.waitForLoadState("load");

  await expect(offline.getByTestId("packet-header")).toContainText(`Audit packet · session ${sessionId}`);
  const turns = offline.getByTestId("packet-turn");
  await expect(turns).toHaveCount(3);
  await expect(turns.nth(0)).toContainText("東京のサーバーはいつ再起動しますか？");
  await expect(turns.nth(0)).toContainText("2 items: 1 used, 1 offered");
  await expect(turns.nth(1)).toContainText("هل النسخ الاحتياطية مشفرة؟ <img src=x onerror=alert(1)>");
  await expect(turns.nth(1).getByTestId("packet-diff")).toContainText("memory m1 left");
  await expect(turns.nth(1).getByTestId("packet-diff")).toContainText("memory m3 entered (offered)");
  await expect(turns.nth(1).getByTestId("packet-pack").locator(".mark.used")).toHaveCount(2);
  await expect(turns.nth(2)).toContainText("Thanks <script>document.title = 'pwned'</script>");
  await expect(turns.nth(2)).toContainText("Closed the conversation.");
  const reviews = offline.getByTestId("packet-review");
  await expect(reviews).toHaveCount(2);
  await expect(reviews.nth(0)).toContainText("problem on turn 2, pack item /memories/1");
  await expect(reviews.nth(0)).toContainText("Labels: stale-memory");
  await expect(reviews.nth(0)).toContainText("Memory m3 is out of date <i>since May</i>");
  await expect(reviews.nth(1)).toContainText("ok on the session");
  await expect(offline.getByTestId("packet-chain")).toContainText("Head hash");
  // The inline styles apply (no stylesheet could be fetched): used marks are green.
  await expect(turns.nth(0).locator(".mark.used")).toHaveCSS("background-color", "rgb(213, 245, 227)");
  expect(await offline.title()).toBe(`Audit packet · session ${sessionId}`);
  expect(await offline.locator("img, iframe, link").count()).toBe(0);

  await shoot(offline, "packet");
  expect(attempted).toEqual([]);
  await context.close();
});
