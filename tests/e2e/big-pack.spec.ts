import { expect, test, type Page } from "@playwright/test";
import { bigPack } from "../helpers/big-pack";
import { insertAllAt, shotPath, uid } from "./seed";

// A 3 MB context pack of 3,000 memories and chunks: the detail page sends a summary and a
// window of items, and fetches the rest on demand. Timings are printed for the report (and
// measured in the bench), never asserted.

const marker = uid("zebra");
const big = bigPack({ marker });
const usedPointers = [
  ...big.pack.memories.flatMap((m, i) => (big.memoriesUsed.includes(String(m.id)) ? [`/memories/${i}`] : [])),
  ...big.pack.chunks.flatMap((c, i) => (big.chunksUsed.includes(String(c.chunk_id)) ? [`/chunks/${i}`] : [])),
];
let id: string;

// Many round trips each (the used-only test loads all 300 used items, 50 at a time), on a
// machine that may be busy with other builds.
test.beforeEach(() => test.setTimeout(240_000));

test.beforeAll(async () => {
  id = await insertAllAt([
    {
      created_at: Date.now(),
      prompt: `What does the big pack say? ${uid("big")}`,
      memories_used: big.memoriesUsed,
      chunks_used: big.chunksUsed,
      context_pack: big.pack,
    },
  ]).then(([first]) => first);
});

/** How long the browser waited for the last pack request whose URL contains `part` (server time plus transfer). */
const requestMs = (page: Page, part: string) =>
  page.evaluate((p) => {
    const entries = performance.getEntriesByType("resource").filter((e) => e.name.includes("/pack?") && e.name.includes(p));
    return entries.at(-1)?.duration ?? -1;
  }, part);

/**
 * Starts a stopwatch in the page: from the next input event (typing, a checkbox) to the moment
 * the element with this test id reads `text`. Read it with stopwatchMs().
 */
const startStopwatch = (page: Page, testId: string, text: string) =>
  page.evaluate(
    ([id, want]) => {
      const w = window as unknown as { __stopwatch: { start: number; end: number } };
      w.__stopwatch = { start: 0, end: 0 };
      document.addEventListener("input", () => (w.__stopwatch.start ||= performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (w.__stopwatch.start && document.querySelector(`[data-testid="${id}"]`)?.textContent === want) {
          w.__stopwatch.end = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    [testId, text],
  );
const stopwatchMs = (page: Page) =>
  page.evaluate(() => {
    const { start, end } = (window as unknown as { __stopwatch: { start: number; end: number } }).__stopwatch;
    return end - start;
  });

/** Opens the page; a filter typed and cleared first makes sure it is live before anything is timed. */
async function openLivePack(page: Page) {
  await page.goto(`/interactions/${id}`);
  const pack = page.getByTestId("context-pack");
  const rows = pack.getByRole("list", { name: "Items" }).locator(":scope > li");
  await pack.getByLabel("Filter the context pack").fill("deploy key");
  await expect(pack.getByTestId("pack-found")).toBeVisible();
  await pack.getByLabel("Filter the context pack").fill("");
  await expect(pack.getByTestId("pack-found")).toHaveCount(0);
  await expect(rows).toHaveCount(50);
  return { pack, rows };
}

const figure = (name: string, ms: number) => {
  test.info().annotations.push({ type: name, description: `${ms.toFixed(0)} ms` });
  console.log(`[big-pack] ${name}: ${ms.toFixed(0)} ms`);
};

test("the detail page of a 3 MB pack is small and shows its summary and first items", async ({ page, request }) => {
  const res = await request.get(`/interactions/${id}`);
  expect(res.status()).toBe(200);
  const html = await res.body();
  console.log(`[big-pack] page HTML: ${html.length} bytes`);
  expect(html.length).toBeLessThan(1024 * 1024);

  await page.goto(`/interactions/${id}`);
  const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1);
  figure("first contentful paint", fcp);
  const pack = page.getByTestId("context-pack");
  await expect(pack.getByTestId("pack-counts")).toHaveText(/300\s*used\s*2700\s*offered, not used/);
  await expect(pack.getByTestId("pack-size")).toContainText("3,000 items (1,500 memories, 1,500 chunks)");
  await expect(pack.getByRole("list", { name: "Items" }).locator(":scope > li")).toHaveCount(50);
  // 150 memories and 150 chunks used: each list shows 100 ids and points to the pack for the rest;
  // the review panel lists the first 50 items.
  await expect(page.getByTestId("more-used")).toHaveText([/^and 50 more/, /^and 50 more/]);
  await expect(page.getByTestId("review-items").locator(":scope > li")).toHaveCount(50);
  await expect(page.getByTestId("review-items-shown")).toHaveText("(50 of 3,000: the first ones and those already reviewed)");
  console.log(`[big-pack] DOM nodes: ${await page.evaluate(() => document.querySelectorAll("*").length)}`);
  // The pack's fields come in the database's order (PostgreSQL's jsonb puts shorter keys first).
  await pack.getByRole("button", { name: "memories (1,500)" }).click();
  await expect(pack.getByRole("button", { name: "memories (1,500)" })).toHaveAttribute("aria-pressed", "true");
  await expect(pack.locator('[data-pointer="/memories/0"]')).toHaveAttribute("data-mark", "used");
  await expect(pack.locator('[data-pointer="/memories/1"]')).toHaveAttribute("data-mark", "offered");
  await pack.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotPath("big-pack-detail.png"), fullPage: false });

  // "Show more" adds the next window.
  await pack.getByRole("button", { name: /^Show 50 more \(50 of 1,500 shown\)/ }).click();
  await expect(pack.getByRole("list", { name: "Items" }).locator(":scope > li")).toHaveCount(100);
});

test("used items only shows exactly the used items", async ({ page }) => {
  const { pack, rows } = await openLivePack(page);
  await startStopwatch(page, "pack-found", "300 found");
  await pack.getByLabel("Used items only").check();
  await expect(pack.getByTestId("pack-found")).toHaveText("300 found");
  await expect(rows.first()).toHaveAttribute("data-mark", "used");
  figure("used only, input to rows (in the page)", await stopwatchMs(page));
  figure("used only, its request", await requestMs(page, "used=1"));
  for (let shown = 50; shown < 300; shown += 50) {
    await pack.getByRole("button", { name: new RegExp(`^Show 50 more \\(${shown} of 300 shown\\)`) }).click();
    await expect(rows).toHaveCount(shown + 50);
  }
  await expect(pack.getByRole("button", { name: /^Show \d+ more/ })).toHaveCount(0);
  expect((await rows.evaluateAll((lis) => lis.map((li) => li.getAttribute("data-pointer")))).sort()).toEqual(usedPointers.sort());
  expect(await rows.evaluateAll((lis) => lis.every((li) => li.getAttribute("data-mark") === "used"))).toBe(true);

  await pack.getByLabel("Used items only").uncheck();
  await expect(pack.getByTestId("pack-found")).toHaveCount(0);
  await expect(rows).toHaveCount(50);
  await expect(rows.locator(':scope[data-mark="offered"]').first()).toBeVisible();
});

test("the filter finds items anywhere in the pack, and the scope buttons narrow it", async ({ page }) => {
  const { pack, rows } = await openLivePack(page);
  await startStopwatch(page, "pack-found", "6 found");
  await pack.getByLabel("Filter the context pack").fill(marker);
  await expect(pack.getByTestId("pack-found")).toHaveText("6 found");
  figure("filter, input to rows (in the page)", await stopwatchMs(page));
  figure("filter, its request", await requestMs(page, `q=${marker}`));
  expect((await rows.evaluateAll((lis) => lis.map((li) => li.getAttribute("data-pointer")))).sort()).toEqual([
    "/chunks/1003",
    "/chunks/3",
    "/chunks/503",
    "/memories/1003",
    "/memories/3",
    "/memories/503",
  ]);
  await pack.getByRole("button", { name: "chunks (1,500)" }).click();
  await expect(pack.getByTestId("pack-found")).toHaveText("3 found");
  await pack.getByLabel("Filter the context pack").fill("no such text anywhere");
  await expect(pack.getByText("No item matches.")).toBeVisible();
});

test("items expand on demand, one or a window at a time, by mouse and keyboard", async ({ page }) => {
  await page.goto(`/interactions/${id}`);
  const pack = page.getByTestId("context-pack");
  // A field that holds no items opens too.
  const settings = pack.locator('[data-pointer="/settings"]');
  await settings.getByRole("button", { name: "Expand settings" }).click();
  await expect(settings.locator('[data-pointer="/settings/model"]')).toContainText('"embed-3"');

  await pack.getByRole("button", { name: "memories (1,500)" }).click();
  const row = pack.locator('[data-pointer="/memories/3"]');
  await row.getByRole("button", { name: "Expand memory mem-3" }).click();
  await expect(row.locator('[data-pointer="/memories/3/text"]')).toContainText(String(big.pack.memories[3].text).slice(0, 40));
  await expect(row.locator('[data-pointer="/memories/3/id"] a')).toHaveAttribute("href", "/memories/mem-3");
  await row.getByRole("button", { name: "Collapse memory mem-3" }).click();
  await expect(row.locator('[data-pointer="/memories/3/text"]')).toHaveCount(0);

  // Expand all opens the window shown, not the whole pack.
  const started = Date.now();
  await pack.getByRole("button", { name: "Expand all" }).click();
  await expect(pack.locator('[data-pointer="/memories/49/text"]')).toBeVisible();
  figure("expand all (50 items)", Date.now() - started);
  await expect(pack.locator('[data-pointer="/memories/50"]')).toHaveCount(0);
  console.log(`[big-pack] DOM nodes after expand all: ${await page.evaluate(() => document.querySelectorAll("*").length)}`);
  await page.screenshot({ path: shotPath("big-pack-expanded.png"), fullPage: false });
  await pack.getByRole("button", { name: "Collapse all" }).click();
  await expect(pack.locator('[data-pointer="/memories/0/text"]')).toHaveCount(0);

  await pack.getByRole("button", { name: "All (3,000)" }).click();
  await expect(pack.getByRole("button", { name: "All (3,000)" })).toHaveAttribute("aria-pressed", "true");

  // Keyboard only: "/" focuses the filter, Tab reaches the toggle, Space checks it, and a row opens with Enter.
  await page.keyboard.press("/");
  await expect(pack.getByLabel("Filter the context pack")).toBeFocused();
  await page.keyboard.type(marker);
  await expect(pack.getByTestId("pack-found")).toHaveText("6 found");
  await page.keyboard.press("Tab");
  await expect(pack.getByLabel("Used items only")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(pack.getByTestId("pack-found")).toHaveText("3 found");
  const expand = pack.getByRole("button", { name: "Expand chunk doc-31#7" });
  await expand.focus();
  await page.keyboard.press("Enter");
  await expect(pack.locator('[data-pointer="/chunks/503/text"]')).toContainText(marker);
});

test("an item reviewed beyond the first 50 stays listed with its review", async ({ page, request }) => {
  expect((await request.post(`/api/interactions/${id}/reviews`, { data: { verdict: "problem", pointer: "/chunks/1400", note: "stale chunk" } })).status()).toBe(201);
  await page.goto(`/interactions/${id}`);
  const items = page.getByTestId("review-items");
  await expect(items.locator(":scope > li")).toHaveCount(51);
  await expect(items.locator('[data-item-pointer="/chunks/1400"]')).toContainText("stale chunk");
  await expect(page.getByTestId("review-items-shown")).toHaveText("(51 of 3,000: the first ones and those already reviewed)");
});
