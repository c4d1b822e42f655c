import { expect as baseExpect, test, type Page } from "@playwright/test";
import { insertRows } from "../helpers/direct-rows";
import { withDatabase } from "../helpers/open-db";
import { realisticSession } from "../helpers/realistic-session";
import { shoot, uid } from "./seed";

// A long session of realistic turns (~40 KB packs, Japanese / Arabic / emoji text, long
// prompts every ninth turn): the page serves a window of turns, loads more on scrolling,
// and lands exactly on turn N from #turn-N and "Go to turn".
const TURNS = 300;
const WINDOW = 25;
const MAX_PAGE_HTML = 500_000;

// Each step loads a window of heavy turns: give a busy machine room.
test.describe.configure({ mode: "serial", timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

let sessionId: string;
let href: string;
let rows: ReturnType<typeof realisticSession>;

test.beforeAll(async () => {
  sessionId = uid("long");
  href = `/sessions/${encodeURIComponent(sessionId)}`;
  rows = realisticSession({ sessionId, turns: TURNS, start: Date.UTC(2026, 4, 1), seed: 3 });
  await withDatabase(process.env.E2E_DATABASE_URL!, (db) => insertRows(db, rows));
});

/** Turn N's card is at the top of the viewport (below its 1rem scroll margin), and stays there. */
async function expectAtTop(page: Page, n: number) {
  const turn = page.locator(`article[data-turn="${n}"]`);
  await expect(turn).toBeVisible();
  await expect.poll(async () => (await turn.boundingBox())!.y, { message: `turn ${n} at the top` }).toBeGreaterThanOrEqual(0);
  await expect.poll(async () => (await turn.boundingBox())!.y).toBeLessThanOrEqual(20);
  await page.waitForTimeout(300);
  const y = (await turn.boundingBox())!.y;
  expect(y).toBeGreaterThanOrEqual(0);
  expect(y).toBeLessThanOrEqual(20);
}

async function goTo(page: Page, n: number) {
  await page.getByLabel("Go to turn").fill(String(n));
  await page.getByRole("button", { name: "Go", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#turn-${n}$`));
}

test("#turn-N and Go to turn land exactly on turn N anywhere in a long session", async ({ page }) => {
  await page.goto(`${href}#turn-250`);
  await expectAtTop(page, 250);
  // Outside the loaded window: the window holding it is loaded.
  await goTo(page, 120);
  await expect(page).toHaveURL(/[?&]from=120/);
  await expectAtTop(page, 120);
  // Inside the loaded window: no new page.
  await goTo(page, 131);
  await expect(page).toHaveURL(/[?&]from=120/);
  await expectAtTop(page, 131);
  // The last turn reaches the top too, and the first.
  await goTo(page, TURNS);
  await expectAtTop(page, TURNS);
  await page.goto(`${href}#turn-7`);
  await expectAtTop(page, 7);
});

test("the page holds one window of turns, loads the next on scrolling and the earlier on asking", async ({ page }) => {
  const res = await page.goto(href);
  expect((await res!.body()).byteLength).toBeLessThanOrEqual(MAX_PAGE_HTML);
  const articles = page.locator("article[data-turn]");
  await expect(articles).toHaveCount(WINDOW);
  // No pack is in the page: each turn shows its pack's size, and its diff with the turn before.
  const used = (JSON.parse(rows[1].memories_used!) as string[]).length + (JSON.parse(rows[1].chunks_used!) as string[]).length;
  await expect(page.locator("article[data-turn='2'] [data-testid='pack-size']")).toHaveText(`pack: 50 items, ${used} used, ${50 - used} offered`);
  // A long diff's entries load when it is opened.
  const diff = page.locator("article[data-turn='2'] [data-testid='pack-diff']");
  await expect(diff.locator("summary")).toContainText("Context pack compared with turn 1: +");
  await expect(diff.locator("[data-change]")).toHaveCount(0);
  await diff.locator("summary").click();
  await expect(diff.locator('[data-change="entered"]').first()).toBeVisible();
  await expect(diff.locator('[data-change="left"]').first()).toBeVisible();
  await page.getByTestId("later-turns").scrollIntoViewIfNeeded();
  await expect(articles).toHaveCount(2 * WINDOW);
  await expect(articles.last()).toHaveAttribute("data-turn", String(2 * WINDOW));
  await page.locator(`article[data-turn="${2 * WINDOW}"]`).scrollIntoViewIfNeeded();
  await expect(articles).toHaveCount(3 * WINDOW);

  await page.goto(`${href}?from=200`);
  await expect(articles.first()).toHaveAttribute("data-turn", "200");
  await page.getByRole("button", { name: "Show turns 175–199" }).click();
  await expect(page.locator("article[data-turn='175']")).toBeAttached();
  await expect(page.getByRole("button", { name: "Show turns 150–174" })).toBeVisible();
});

test("a turn's pack loads when its chip is pressed; the screenshots at realistic size", async ({ page }) => {
  await page.goto(`${href}?from=${TURNS - WINDOW + 1}#turn-${TURNS - 2}`);
  const turn = page.locator(`article[data-turn="${TURNS - 2}"]`);
  await expect(turn.getByTestId("context-pack-panel")).toHaveCount(0);
  const loaded = page.waitForResponse((r) => /\/api\/interactions\/[^/]+$/.test(new URL(r.url()).pathname));
  await turn.getByRole("button", { name: /memories/ }).click();
  await loaded;
  await expect(turn.getByTestId("context-pack")).toBeVisible();
  await shoot(page, "session-long", {
    fullPage: false,
    prepare: async () => {
      await page.goto(`${href}?from=100#turn-100`);
      await expectAtTop(page, 100);
      // A short diff is open already; a long one opens on its summary and loads its entries.
      const diff = page.locator("article[data-turn='100'] [data-testid='pack-diff']");
      if (!(await diff.evaluate((d) => (d as HTMLDetailsElement).open))) await diff.locator("summary").click();
      await expect(diff.locator("[data-change]").first()).toBeVisible();
    },
  });
});
