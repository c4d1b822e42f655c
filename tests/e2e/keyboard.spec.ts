import { expect, test, type Locator, type Page } from "@playwright/test";
import { insertRows } from "../helpers/direct-rows";
import { withDatabase } from "../helpers/open-db";
import { realisticSession } from "../helpers/realistic-session";
import { uid } from "./seed";

// Every action with the keyboard only: Tab reaches each control in reading order (so none is
// a trap), the focused control shows a ring, and Enter, Space, arrows and Escape operate it.
const project = uid("kbd");
const sessionId = uid("kbd-s");
let ids: string[] = [];

// Many key presses a test, on a machine that may be busy.
test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  const rows = realisticSession({ sessionId, turns: 6, start: Date.UTC(2026, 9, 1), seed: 5, project, client: uid("client") });
  ids = (await withDatabase(process.env.E2E_DATABASE_URL!, (db) => insertRows(db, rows))).map((r) => r.id);
});

/** Presses Tab (or Shift+Tab) until `target` has the focus, and checks its ring; fails when it never does. */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      await expectFocusRing(page);
      return;
    }
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The focused element draws a visible focus indicator (an outline or a ring). */
async function expectFocusRing(page: Page) {
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return { outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0, shadow: s.boxShadow !== "none", tag: el.outerHTML.slice(0, 120) };
  });
  expect(ring.outline || ring.shadow, `focus ring on ${ring.tag}`).toBe(true);
}

/** The page has hydrated: the list's keys answer. */
async function hydrated(page: Page) {
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(page.locator("[data-shortcut-filter]").first()).toBeFocused({ timeout: 1_000 });
  }).toPass();
  await page.locator("[data-shortcut-filter]").first().blur();
}

test("the interactions list: search, menus, time presets, times toggle, jump to time, pager, and opening a row", async ({ page }) => {
  await page.goto(`/interactions?project=${project}&limit=2`);
  await hydrated(page);
  await page.keyboard.press("/");
  await page.keyboard.type("Turn");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=Turn/);

  // A menu: arrows pick a value, which applies it.
  await page.locator("body").focus();
  await tabTo(page, page.getByLabel("Client"));
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(/client=/);

  // Tab order follows the page: the search box comes before the menus, and Shift+Tab goes back.
  await tabTo(page, page.getByLabel("Project"), { back: true });
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByLabel("Search")).toBeFocused();

  await tabTo(page, page.getByRole("link", { name: "24 h", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/range=/);
  await page.goto(`/interactions?project=${project}&limit=2`);
  await hydrated(page);

  const times = page.getByRole("group", { name: "Times" });
  const ago = times.getByRole("button", { name: "Ago" });
  await tabTo(page, ago);
  await page.keyboard.press("Space");
  await expect(ago).toHaveAttribute("aria-pressed", "true");

  // Jump to time: its field and button are reached in order (typing a datetime-local's parts
  // depends on the browser's locale, so the jump itself is reviewer-experience.spec.ts's).
  await tabTo(page, page.getByLabel("Jump to time (UTC)"));
  await tabTo(page, page.getByRole("button", { name: "Go", exact: true }));

  await page.goto(`/interactions?project=${project}&limit=2`);
  await hydrated(page);
  const older = page.getByRole("link", { name: "Older →" });
  await tabTo(page, older);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/cursor=/);

  // The row's link opens it with Enter; j / k and Enter do the same from anywhere.
  const firstRowLink = page.locator("tbody tr[data-id]").first().getByRole("link").first();
  const href = (await firstRowLink.getAttribute("href"))!;
  await tabTo(page, firstRowLink);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname + url.search === href);
});

test("the detail page: pack tree, filter, raw view, copy, and back to the list", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/interactions/${ids[3]}`);
  await hydrated(page);
  const pack = page.getByTestId("context-pack");

  const collapse = pack.getByRole("button", { name: "Collapse all" });
  await tabTo(page, collapse);
  await page.keyboard.press("Enter");
  const toggles = pack.locator("button[aria-expanded]");
  // The pack's own toggle stays open; the first item's is collapsed.
  const first = toggles.nth(1);
  await expect(first).toHaveAttribute("aria-expanded", "false");
  await tabTo(page, first);
  await page.keyboard.press("Enter");
  await expect(first).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Space");
  await expect(first).toHaveAttribute("aria-expanded", "false");

  const filter = page.getByLabel("Filter the context pack");
  await tabTo(page, filter, { back: true });
  await page.keyboard.type("runbook");
  await expect(pack.getByText(/found$/)).toBeVisible();
  await page.keyboard.press("Escape");

  const copy = pack.getByRole("button", { name: "Copy JSON" });
  await tabTo(page, copy);
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain("retrieved_chunks");

  const raw = pack.getByRole("button", { name: "Raw view" });
  await tabTo(page, raw, { back: true });
  await page.keyboard.press("Enter");
  await expect(pack.getByRole("button", { name: "Tree view" })).toHaveAttribute("aria-pressed", "true");
});

test("the session page: go to turn, a turn's context, export", async ({ page }) => {
  await page.goto(`/sessions/${encodeURIComponent(sessionId)}`);
  const turnBox = page.getByLabel("Go to turn");
  await tabTo(page, turnBox);
  // Until the page has hydrated the form submits as a plain GET; try again until it is handled.
  await expect(async () => {
    await turnBox.focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("5");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#turn-5$/, { timeout: 2_000 });
  }).toPass();

  const chip = page.locator('article[data-turn="5"] button[aria-expanded]').first();
  await tabTo(page, chip);
  await page.keyboard.press("Enter");
  await expect(chip).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Enter");
  await expect(chip).toHaveAttribute("aria-expanded", "false");

  const exportLink = page.getByRole("link", { name: "Export Markdown" });
  await tabTo(page, exportLink, { back: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(download.suggestedFilename()).toMatch(/\.md$/);
});

test.describe("signed in with the cookie only", () => {
  // "Sign out" is offered to a cookie's holder; the default bearer header would hide it.
  test.use({ extraHTTPHeaders: {} });
  test("the audit page's verify button, and signing out and in", async ({ page, context }) => {
  await page.goto("/audit");
  const verify = page.getByRole("button", { name: "Verify the whole chain" });
  await tabTo(page, verify);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("verify-result").or(page.getByTestId("verify-progress"))).toBeVisible({ timeout: 30_000 });

  const token = (await context.cookies()).find((c) => c.httpOnly)!.value;
  await page.locator("body").focus();
  const signOut = page.getByRole("button", { name: "Sign out" });
  await tabTo(page, signOut);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/sign-in/);
  const tokenBox = page.getByLabel("Token");
  await tabTo(page, tokenBox);
  await page.keyboard.type(token);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/interactions|\/audit/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
});
