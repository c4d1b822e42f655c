import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { shotPath } from "./seed";

// The reverse-lookup pages and the tamper-evidence status, on data seeded through the API.
const uid = (p: string) => `${p}-${randomUUID().slice(0, 8)}`;

async function capture(request: APIRequestContext, data: Record<string, unknown>) {
  const res = await request.post("/api/interactions", { data });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string };
}

async function shoot(page: Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [label, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: shotPath(`${name}-${label}-${scheme}.png`), fullPage: true });
    }
  }
}

test("a memory's page shows its text from the newest pack, its uses and sessions over time", async ({ page, request }) => {
  const mem = `${uid("mem")}#1 <b>odd</b> 100%/x`;
  const sessions = [uid("sess"), uid("sess")];
  await capture(request, {
    prompt: "How do keys rotate?",
    project: "atocore",
    client: "claude-code",
    session_id: sessions[0],
    memories_used: [mem],
    context_pack: { memories: [{ id: mem, text: "Keys rotated yearly (old)" }] },
  });
  await capture(request, { prompt: "unrelated", session_id: sessions[0], memories_used: ["other"] });
  const newest = await capture(request, {
    prompt: "<img src=x onerror=\"window.__pwned=1\"> and the keys?",
    project: "atocore",
    client: "openclaw",
    session_id: sessions[1],
    memories_used: [mem],
    context_pack: { memories: [{ memory_id: mem, text: "Keys rotate monthly\nsince March" }] },
  });

  await page.goto(`/memories/${encodeURIComponent(mem)}`);
  await expect(page).toHaveTitle(new RegExp(`Memory ${mem.slice(0, 12)}`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(mem);
  await expect(page.getByTestId("use-count")).toHaveText("2 interactions");
  await expect(page.getByTestId("item-text")).toHaveText("Keys rotate monthly\nsince March");
  await expect(page.getByRole("link", { name: newest.id })).toHaveAttribute("href", `/interactions/${newest.id}`);
  const timeline = page.getByRole("list", { name: "Sessions that used it" });
  await expect(timeline.getByRole("link")).toHaveText([sessions[1], sessions[0]]);
  await expect(page.getByText("<img src=x onerror")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await shoot(page, "memory-page");

  await page.goto(`/chunks/${uid("never")}`);
  await expect(page.getByText("No interaction has used this id.")).toBeVisible();
});

test("the header shows the chain status, and /audit explains it", async ({ page, request }) => {
  await capture(request, { prompt: "chained" });
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: /Tamper evidence/ })).toBeVisible();
  await expect(page.getByRole("main").getByTestId("audit-badge")).toHaveAttribute("data-status", "ok");
  await expect(page.getByRole("banner").getByTestId("audit-badge")).toHaveText(/chain intact/);
  await shoot(page, "audit-page");
});

test("memory and chunk ids in a session transcript link to their pages", async ({ page, request }) => {
  const session_id = uid("sess");
  const mem = uid("mem");
  await capture(request, { prompt: "turn one", session_id });
  await capture(request, { prompt: "turn two", session_id, memories_used: [mem], context_pack: { memories: [{ id: mem, text: "entered" }] } });
  await page.goto(`/sessions/${session_id}`);
  await page.getByTestId("pack-diff").getByRole("link", { name: mem }).click();
  await expect(page).toHaveURL(new RegExp(`/memories/${mem}$`));
  await expect(page.getByTestId("item-text")).toHaveText("entered");
});

test("the sessions page searches with q, and says what is wrong with a malformed search", async ({ page, request }) => {
  const w = uid("word").replace("-", "");
  const hit = uid("sess");
  await capture(request, { prompt: `about ${w}`, session_id: hit });
  await capture(request, { prompt: "unrelated", session_id: uid("sess") });
  await page.goto("/sessions");
  await page.getByLabel("search").fill(`${w}*`);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByRole("cell", { name: hit })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2);
  await shoot(page, "sessions-search");
  await page.goto(`/sessions?q=${encodeURIComponent('"open')}`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("a quote is not closed");
});

test("searching /interactions highlights matches in the table and on the detail page, which links ids and says when the response came", async ({ page, request }) => {
  const w = uid("word").replace("-", "");
  const mem = uid("mem");
  const hit = await capture(request, { prompt: `How do I rotate the ${w} keys?`, memories_used: [mem], chunks_used: ["doc#1"] });
  await capture(request, { prompt: "nothing to see" });
  const done = await request.patch(`/api/interactions/${hit.id}`, { data: { response: `Rotate ${w.toUpperCase()} monthly.` } });
  expect(done.status()).toBe(200);

  await page.goto("/interactions");
  await page.getByLabel("Search").fill(`${w}`);
  await page.getByLabel("Search").press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${w}`));
  await expect(page.getByTestId("match-count")).toHaveText("1 match");
  const row = page.locator(`tr[data-id="${hit.id}"]`);
  await expect(row.locator("mark")).toHaveText([w, w.toUpperCase()]);
  await shoot(page, "interactions-search");

  await row.getByRole("link", { name: /How do I rotate/ }).click();
  await expect(page).toHaveURL(new RegExp(`/interactions/${hit.id}\\?q=${w}`));
  await expect(page.locator("main mark").first()).toHaveText(w);
  await expect(page.getByText(/added [\d.]+ (ms|s) later/)).toBeVisible();
  // The ids link in the "used" lists and, since the pack viewer links them too, in its missing-ids warning.
  for (const link of await page.getByRole("link", { name: mem }).all()) await expect(link).toHaveAttribute("href", `/memories/${mem}`);
  for (const link of await page.getByRole("link", { name: "doc#1" }).all()) await expect(link).toHaveAttribute("href", "/chunks/doc%231");
  await expect(page.getByRole("link", { name: mem }).first()).toBeVisible();
  await shoot(page, "interaction-detail-search");

  await page.goto(`/interactions?q=${encodeURIComponent("deploy AND")}`);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("AND needs a term after it");
});
