import { expect, test, type Page } from "@playwright/test";
import { insertAllAt, shoot, shotPath, uid, VIEWPORTS } from "./seed";

// Issue 26 on realistic data: a few thousand rows over a two-week window three weeks ago,
// with Japanese, Arabic and emoji prompts, several clients and sessions.
const DAY = 86_400_000;
const ROWS = 3_000;
const project = uid("review");
const clients = [uid("claude-code"), uid("openclaw")];
const mem = uid("mem");
const newest = Date.now() - 21 * DAY;
const step = Math.floor((14 * DAY) / ROWS);
const timeOf = (i: number) => newest - i * step;
const ARABIC = "كيف أعيد نشر خدمة الفوترة بعد فشل التحديث الأخير في بيئة الإنتاج دون فقدان أي طلبات معلقة؟";
const PROMPTS = [
  (i: number) => `probe during audit ${i}: why did the scheduler skip the nightly compaction window?`,
  (i: number) => `デプロイのロールバック手順を教えてください (${i})。本番環境でワーカーが再起動を繰り返しています。`,
  (i: number) => `${ARABIC} ${i}`,
  (i: number) => `🚀 deploy ${i} failed again 😭 — can you check the 🔑 rotation logs before the 🔥 spreads?`,
];
const sessionOf = (i: number) => `${project}-s${Math.floor(i / 100)}`;
// Full-page screenshots of thousands-row pages in four variants outlast 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  // 3,000 direct inserts (with their search and session triggers) take over 30 s on a busy PostgreSQL.
  test.setTimeout(180_000);
  await insertAllAt(
    Array.from({ length: ROWS }, (_, i) => ({
      created_at: timeOf(i),
      prompt: PROMPTS[i % 4](i),
      response: i % 5 === 0 ? "" : `Checked the journal; replaying from checkpoint ${i}.`,
      project,
      // Two of three rows from the first client.
      client: clients[i % 3 === 2 ? 1 : 0],
      session_id: sessionOf(i),
      memories_used: i % 2 === 0 ? [mem] : [],
    })),
  );
});

async function shootAll(page: Page, name: string) {
  await shoot(page, name);
  await page.setViewportSize(VIEWPORTS.desktop);
  await page.emulateMedia({ colorScheme: "light" });
}

const rows = (page: Page) => page.locator("tbody tr[data-id]");

test('"/" focuses the search box, so what is typed next searches', async ({ page }) => {
  await page.goto(`/interactions?project=${project}`);
  await expect(rows(page)).toHaveCount(50);
  // The key is handled once the page has hydrated; until then "/" goes nowhere, so retry.
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(page.getByLabel("Search")).toBeFocused({ timeout: 1_000 });
  }).toPass();
  await page.keyboard.type("rollback deploy");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=rollback\+deploy/);
  expect(new URL(page.url()).searchParams.get("session_id")).toBeNull();
});

test("a two-week window shows absolute UTC times (the exact instant on hover), a choice remembered per browser", async ({ page }) => {
  await page.goto(`/interactions?project=${project}`);
  await expect(page.getByTestId("match-count")).toHaveText("3,000 matches");
  const firstTime = rows(page).first().locator("time");
  const iso = new Date(timeOf(0)).toISOString();
  await expect(firstTime).toHaveAttribute("datetime", iso);
  await expect(firstTime).toHaveAttribute("title", `${iso.replace("T", " ").replace("Z", "")} UTC`);
  // Every row would read "21 d ago"; the page shows when instead.
  await expect(firstTime).toHaveText(/^[A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d$|^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  const shown = await rows(page).locator("time").allTextContents();
  expect(new Set(shown).size).toBe(shown.length);
  await shootAll(page, "review-list");

  const times = page.getByRole("group", { name: "Times" });
  await times.getByRole("button", { name: "Ago" }).click();
  await expect(firstTime).toHaveText("21 d ago");
  await page.reload();
  await expect(firstTime).toHaveText("21 d ago");
  await expect(times.getByRole("button", { name: "Ago" })).toHaveAttribute("aria-pressed", "true");
  await times.getByRole("button", { name: "Auto" }).click();
  await expect(firstTime).not.toHaveText("21 d ago");

  // The sessions list picks the same way; its counts and the memory page's have separators.
  await page.goto(`/sessions?project=${project}`);
  await expect(page.locator("tbody tr").first().locator("time")).not.toHaveText(/ago$/);
  await shootAll(page, "review-sessions");
});

test("a memory used 1,500 times says so with a separator", async ({ page, request }) => {
  // Through the batch API: the uses index is written by the capture path.
  const used = uid("mem");
  for (let b = 0; b < 3; b++) {
    const res = await request.post("/api/interactions/batch", {
      data: { interactions: Array.from({ length: 500 }, (_, i) => ({ prompt: `use ${b * 500 + i} 🚀`, memories_used: [used] })) },
    });
    expect(res.status()).toBe(200);
  }
  await page.goto(`/memories/${used}`);
  await expect(page.getByTestId("use-count")).toHaveText("1,500 interactions");
});

test("the project and client menus count under the other filters, estimated beyond the sample and saying so", async ({ page }) => {
  await page.goto(`/interactions?project=${project}`);
  const client = page.getByLabel("Client");
  // 3,000 matches, more than the menus read: scaled from the newest 1,000, marked ≈.
  await expect(client.locator("option", { hasText: clients[0] })).toHaveText(`${clients[0]} (≈2,000)`);
  await expect(client.locator("option", { hasText: clients[1] })).toHaveText(`${clients[1]} (≈1,000)`);
  await expect(page.getByTestId("facet-basis")).toHaveText(/estimated from the newest 1,000 of 3,000 matching interactions/);
  // The project menu counts under the client filter only (its own filter aside).
  await page.goto(`/interactions?project=${project}&client=${clients[1]}`);
  await expect(page.getByTestId("match-count")).toHaveText("1,000 matches");
  // Its sample holds all 1,000 rows of that client: exact, while the client menu is estimated.
  await expect(page.getByLabel("Project").locator("option", { hasText: project })).toHaveText(`${project} (1,000)`);
  await expect(page.getByLabel("Client").locator("option", { hasText: clients[1] })).toHaveText(`${clients[1]} (≈1,000)`);
  // A session is a few rows: counted exactly.
  await page.goto(`/interactions?session_id=${sessionOf(3)}`);
  await expect(page.getByLabel("Client").locator("option", { hasText: clients[0] })).toHaveText(`${clients[0]} (67)`);
  await expect(page.getByLabel("Client").locator("option", { hasText: clients[1] })).toHaveText(`${clients[1]} (33)`);
  await expect(page.getByTestId("facet-basis")).toHaveText("Menu counts: exact, for these filters.");
});

test("a deep page says where it is, and a time lands on the page holding it", async ({ page }) => {
  await page.goto(`/interactions?project=${project}`);
  await expect(page.getByTestId("list-position")).toHaveText("rows 1–50 of 3,000");
  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page.getByTestId("list-position")).toHaveText("rows 51–100 of 3,000");

  // Jump to the instant of row 1,235 (plus half a step: still at or before it, after row 1,236's).
  const k = 1_234;
  const instant = new Date(timeOf(k) + Math.floor(step / 2)).toISOString().slice(0, 19);
  await page.getByLabel("Jump to time (UTC)").fill(instant);
  await page.getByRole("button", { name: "Go", exact: true }).click();
  await expect(page).toHaveURL(/[?&]at=/);
  await expect(page.getByTestId("list-position")).toHaveText("rows 1,235–1,284 of 3,000");
  await expect(rows(page).first().locator("time")).toHaveAttribute("datetime", new Date(timeOf(k)).toISOString());
  await page.getByRole("link", { name: "← Newer" }).click();
  await expect(page.getByTestId("list-position")).toHaveText("rows 1,185–1,234 of 3,000");
  await shootAll(page, "review-deep-page");
});

test("on a 390 px phone the time never runs into the prompt; right-to-left prompts truncate by their own direction", async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await page.goto(`/interactions?project=${project}&limit=25`);
  await expect(rows(page)).toHaveCount(25);
  for (const row of (await rows(page).all()).slice(0, 8)) {
    const time = await row.locator("td").nth(0).boundingBox();
    const timeText = await row.locator("time").boundingBox();
    const prompt = await row.locator("td").nth(4).boundingBox();
    expect(timeText!.x + timeText!.width).toBeLessThanOrEqual(time!.x + time!.width);
    expect(time!.x + time!.width).toBeLessThanOrEqual(prompt!.x + 0.5);
  }
  // A phone's first screen, at a size to be read (the full-page shots are very tall).
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: shotPath(`review-phone-screen-${scheme}.png`) });
  }
  await page.setViewportSize(VIEWPORTS.desktop);
  const arabic = rows(page).locator("td a[dir=auto]", { hasText: ARABIC.slice(0, 10) }).first();
  expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  // Truncated at its end (the left), so its first word is what shows, at the right.
  const cut = await arabic.evaluate((el) => ({ overflow: el.scrollWidth > el.clientWidth, ellipsis: getComputedStyle(el).textOverflow }));
  expect(cut).toEqual({ overflow: true, ellipsis: "ellipsis" });
  await expect(rows(page).locator("td a", { hasText: "デプロイ" }).first()).toBeVisible();
  await expect(rows(page).locator("td a", { hasText: "🚀" }).first()).toBeVisible();

  await page.goto(`/sessions/${sessionOf(0)}`);
  const outline = page.getByRole("navigation", { name: "Turns" }).locator("a[dir=auto]", { hasText: ARABIC.slice(0, 10) }).first();
  expect(await outline.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  // The outline shows on wide screens; a viewport's worth (a full page of 100 turns is very tall).
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: shotPath(`review-session-desktop-${scheme}.png`) });
  }
});
