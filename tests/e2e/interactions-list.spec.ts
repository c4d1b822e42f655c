import { expect, test, type Page } from "@playwright/test";
import { capture, insertAt, shotPath, uid } from "./seed";

const rows = (page: Page) => page.locator("tbody tr[data-id]");
// Web-first: waits until the table shows exactly these prompts, newest first.
const expectPrompts = (page: Page, expected: string[]) =>
  expect(page.locator("tbody tr[data-id] td:nth-child(5)")).toHaveText(expected);

test("each filter changes the URL and the rows, and back/forward restore them", async ({ page, request }) => {
  const session = uid("sess");
  const [pA, pB, cX, cY] = [uid("projA"), uid("projB"), uid("cliX"), uid("cliY")];
  await capture(
    request,
    { prompt: "a-x", project: pA, client: cX, session_id: session },
    { prompt: "a-y", project: pA, client: cY, session_id: session },
    { prompt: "b-x", project: pB, client: cX, session_id: session },
  );
  await insertAt(Date.now() - 3 * 86_400_000, { prompt: "old a-x", project: pA, client: cX, session_id: session });

  // Session: a text field, applied with Enter.
  await page.goto("/interactions");
  await page.getByLabel("Session").fill(session);
  await page.getByLabel("Session").press("Enter");
  await expect(page).toHaveURL(new RegExp(`session_id=${session}`));
  await expect(rows(page)).toHaveCount(4);
  await expect(page.getByTestId("match-count")).toHaveText("4 matches");

  // Project: a dropdown of the database's values with their counts.
  const project = page.getByLabel("Project");
  await expect(project.locator("option", { hasText: `${pA} (3)` })).toHaveCount(1);
  await project.selectOption(pA);
  await expect(page).toHaveURL(new RegExp(`project=${pA}`));
  await expect(rows(page)).toHaveCount(3);

  // Client.
  await page.getByLabel("Client").selectOption(cX);
  await expect(page).toHaveURL(new RegExp(`client=${cX}`));
  await expectPrompts(page, ["a-x", "old a-x"]);

  // Time presets: the three-day-old row is outside 24 h, inside 7 days.
  await page.getByRole("link", { name: "24 h" }).click();
  await expect(page).toHaveURL(/range=24h/);
  await expectPrompts(page, ["a-x"]);
  await page.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(rows(page)).toHaveCount(2);

  // Custom from/to replaces the preset.
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
  await page.getByLabel("To (UTC)").fill(twoDaysAgo);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/until=/);
  await expect(page).not.toHaveURL(/range=/);
  await expectPrompts(page, ["old a-x"]);

  // Back and forward walk the filter history.
  await page.goBack();
  await expect(page).toHaveURL(/range=7d/);
  await expect(rows(page)).toHaveCount(2);
  await page.goBack();
  await expect(page).toHaveURL(/range=24h/);
  await expectPrompts(page, ["a-x"]);
  await page.goForward();
  await expect(rows(page)).toHaveCount(2);

  // Clear filters.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/interactions$/);
  await expect(page.getByLabel("Session")).toHaveValue("");
});

test("keyset paging goes older and newer with the chosen page size", async ({ page, request }) => {
  const project = uid("paging");
  await capture(request, ...Array.from({ length: 7 }, (_, i) => ({ prompt: `turn ${i + 1}`, project })));
  await page.goto(`/interactions?project=${project}&limit=3`);
  await expectPrompts(page, ["turn 7", "turn 6", "turn 5"]);
  await expect(page.getByText("← Newer")).not.toHaveAttribute("href");

  await page.getByRole("link", { name: "Older →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expectPrompts(page, ["turn 4", "turn 3", "turn 2"]);
  await page.getByRole("link", { name: "Older →" }).click();
  await expectPrompts(page, ["turn 1"]);
  await expect(page.getByText("Older →")).not.toHaveAttribute("href");

  await page.getByRole("link", { name: "← Newer" }).click();
  await expect(page).toHaveURL(/after=/);
  await expectPrompts(page, ["turn 4", "turn 3", "turn 2"]);
  await page.getByRole("link", { name: "← Newer" }).click();
  await expectPrompts(page, ["turn 7", "turn 6", "turn 5"]);

  // Page sizes keep the filters and start again at the newest page.
  await page.getByRole("link", { name: "25", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`project=${project}&limit=25$`));
  await expect(rows(page)).toHaveCount(7);
});

test("a row opens its detail page by click and by keyboard; Esc returns to the list", async ({ page, request }) => {
  const project = uid("open");
  const [first, second] = await capture(
    request,
    { prompt: "first prompt", response: "an answer", project },
    { prompt: "second prompt\nmore lines", response_summary: "a short summary", project },
  );
  await page.goto(`/interactions?project=${project}`);
  await expect(rows(page).nth(0)).toContainText("summary");
  await expect(rows(page).nth(1)).toContainText("an answer");

  await rows(page).nth(1).locator("td").first().click();
  await expect(page).toHaveURL(`/interactions/${first}`);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(`/interactions?project=${project}`);

  await expect(rows(page)).toHaveCount(2);
  await page.keyboard.press("j");
  await expect(rows(page).nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`/interactions/${second}`);
  await expect(page.getByRole("heading", { name: /Interaction/ })).toBeVisible();

  await page.goBack();
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search")).toBeFocused();
});

/**
 * Opens `url` with the page's JavaScript arriving late, as on a slow link: `during` runs once
 * its `rowCount` rows are on screen, before the scripts have run.
 */
async function withScriptsHeld(page: Page, url: string, rowCount: number, during: () => Promise<void>) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(url, { waitUntil: "commit" });
  await expect(rows(page)).toHaveCount(rowCount);
  await during();
  release();
  await page.unrouteAll({ behavior: "wait" });
}

test("keys pressed before the page's script has run are not lost", async ({ page, request }) => {
  const project = uid("early-keys");
  await capture(request, { prompt: "one", project }, { prompt: "two", project }, { prompt: "three", project });
  const slowScripts = (press: () => Promise<void>) => withScriptsHeld(page, `/interactions?project=${project}`, 3, press);
  await slowScripts(async () => {
    await page.keyboard.press("j");
    await page.keyboard.press("j");
  });
  await expect(rows(page).nth(1)).toBeFocused();
  await slowScripts(() => page.keyboard.press("/"));
  await expect(page.getByLabel("Search")).toBeFocused();
});

test("a \"/\" pressed while the search box was still hidden focuses it once it shows", async ({ page, request }) => {
  const project = uid("early-slash");
  await capture(request, { prompt: "one", project });
  const form = page.locator(`form[aria-label="Filter interactions"]`);
  await withScriptsHeld(page, `/interactions?project=${project}`, 1, async () => {
    // As a streamed part not yet revealed when the page hydrates (seen on PostgreSQL under load).
    await form.evaluate((el) => el.setAttribute("hidden", ""));
    await page.keyboard.press("/");
  });
  await expect
    .poll(() => rows(page).first().evaluate((tr) => Object.keys(tr).some((key) => key.startsWith("__reactFiber"))))
    .toBe(true);
  await expect(page.getByLabel("Search")).not.toBeFocused();
  await form.evaluate((el) => el.removeAttribute("hidden"));
  await expect(page.getByLabel("Search")).toBeFocused();
});

test("a filter that matches nothing says so and names the filters in force", async ({ page }) => {
  const project = uid("nothing");
  await page.goto(`/interactions?project=${project}&range=1h`);
  const empty = page.getByTestId("no-matches");
  await expect(empty).toContainText("No interactions match these filters");
  await expect(empty).toContainText(`project = ${project}`);
  await expect(empty).toContainText("range = 1h");
});

test("invalid filter values in the URL show a message and the rest still applies", async ({ page, request }) => {
  const project = uid("invalid");
  await capture(request, { prompt: "still listed", project });
  const res = await page.goto(`/interactions?project=${project}&since=yesterday-ish&cursor=not-a-cursor`);
  expect(res?.status()).toBe(200);
  const alert = page.getByTestId("filter-issues");
  await expect(alert).toContainText("since");
  await expect(alert).toContainText("not a valid time");
  await expect(alert).toContainText("cursor");
  await expectPrompts(page, ["still listed"]);
});

test("a page size of zero or less shows a default page and says so", async ({ page, request }) => {
  const project = uid("limit0");
  await capture(request, { prompt: "shown anyway", project });
  await page.goto(`/interactions?project=${project}&limit=0`);
  await expect(page.getByTestId("filter-issues")).toContainText("limit");
  await expectPrompts(page, ["shown anyway"]);
  await page.screenshot({ path: shotPath("interactions-list-limit0-light.png"), fullPage: true });
});

test("the histogram counts the captures over the selected range, and a bar narrows the list to its window", async ({ page }) => {
  const project = uid("hist");
  const day = Date.UTC(2025, 2, 1);
  await insertAt(day + 10 * 60_000, { prompt: "early", project });
  await insertAt(day + 12 * 3_600_000, { prompt: "noon", project });
  await insertAt(day + 12 * 3_600_000 + 60_000, { prompt: "noon and a minute", project });
  await page.goto(`/interactions?project=${project}&since=2025-03-01T00:00:00Z&until=2025-03-02T00:00:00Z`);

  const chart = page.getByRole("figure", { name: "Captures over time" });
  await expect(chart.locator("figcaption")).toContainText("2025-03-01 00:00:00.000 UTC");
  await expect(chart.locator("figcaption")).toContainText("2025-03-02 00:00:00.000 UTC");
  await expect(chart.locator("figcaption")).toContainText("36 min per bar · highest 2");
  const bars = chart.getByRole("link");
  await expect(bars).toHaveCount(40);
  const labels = await bars.evaluateAll((links) => links.map((l) => l.getAttribute("aria-label") ?? ""));
  expect(labels.filter((l) => !l.startsWith("0 "))).toEqual([
    "1 from 2025-03-01 00:00:00.000 UTC to 2025-03-01 00:36:00.000 UTC",
    "2 from 2025-03-01 12:00:00.000 UTC to 2025-03-01 12:36:00.000 UTC",
  ]);

  await chart.getByRole("link", { name: /^2 from/ }).click();
  await expectPrompts(page, ["noon and a minute", "noon"]);
  const url = new URL(page.url()).searchParams;
  expect([url.get("since"), url.get("until")]).toEqual(["2025-03-01T12:00:00.000Z", "2025-03-01T12:36:00.000Z"]);
});
