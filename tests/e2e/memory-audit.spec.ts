import { expect, test } from "@playwright/test";
import { capture, shoot, uid } from "./seed";

// The memory audit's pages: the list with its filters, sorts, pager and reports, and an item's
// versions with the word diff between consecutive ones and the interactions under each.

test.describe.configure({ timeout: 120_000 });

const memory = (id: string, text: string, score: number) => ({ id, text, score });

test("the memories list filters to drifting items, sorts, pages and shows the reports", async ({ page, request }) => {
  const project = uid("audit");
  const drifting = uid("mem-drift");
  const steady = Array.from({ length: 3 }, (_, i) => uid(`mem-steady${i}`));
  const noisy = uid("mem-noise");
  const ghost = uid("mem-ghost");
  await capture(
    request,
    { prompt: "one", project, memories_used: [drifting, steady[0]], context_pack: { memories: [memory(drifting, "Deploys happen on <b>Fridays</b> after the review.", 0.9), ...steady.map((s) => memory(s, `steady ${s}`, 0.5)), memory(noisy, "never used", 0.1)] } },
    { prompt: "two", project, memories_used: [drifting], context_pack: { memories: [memory(drifting, "Deploys happen on Thursdays after the review, 日本語 🎉.", 0.3), memory(noisy, "never used", 0.2)] } },
    { prompt: "three", project, memories_used: [ghost], context_pack: { memories: [memory(noisy, "never used", 0.2)] } },
  );

  await page.goto(`/memories?project=${project}&sort=offered&limit=2`);
  const rows = page.getByRole("table", { name: "Memories" }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute("data-item-id", noisy);
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("link", { name: "First page" })).toBeVisible();

  await page.goto(`/memories?project=${project}`);
  await page.getByLabel("more than one version").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/min_versions=2/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-item-id", drifting);

  await page.goto(`/memories?project=${project}&min_offered=3&sort=bogus`);
  await expect(page.getByTestId("filter-issues")).toContainText("sort");
  // The reports cover every project: the page shows their first rows (other tests' items may
  // come first), the export holds them all.
  const noise = page.getByTestId("report-noise");
  await expect(noise).toContainText("Offered at least 3 times, never used, in all projects");
  await expect(noise.getByRole("link", { name: "CSV" })).toHaveAttribute("href", "/api/reports/memories?kind=noise&min_offered=3&format=csv");
  expect(await (await request.get("/api/reports/memories?kind=noise&min_offered=3&format=csv")).text()).toContain(noisy);
  expect(await (await request.get("/api/reports/memories?kind=gaps&format=jsonl")).text()).toContain(ghost);
  await shoot(page, "memories-list");
});

test("a memory page shows its versions oldest first with a word diff and their interactions", async ({ page, request }) => {
  const id = uid("mem-v");
  const [first, , third] = await capture(
    request,
    { prompt: "v1 a", context_pack: { memories: [memory(id, "Deploys happen on <b>Fridays</b> after the review.", 0.9)] } },
    { prompt: "v1 b", context_pack: { memories: [memory(id, "Deploys happen on <b>Fridays</b> after the review.", 0.2)] } },
    { prompt: "v2", memories_used: [id], context_pack: { memories: [memory(id, "Deploys happen on Thursdays after the review, 日本語 🎉.", 0.4)] } },
  );
  await page.goto(`/memories/${id}`);
  await expect(page.getByTestId("version-count")).toHaveText("2");
  const versions = page.getByTestId("item-version");
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0).getByTestId("version-interactions")).toHaveText("2");
  await expect(versions.nth(1).getByTestId("version-interactions")).toHaveText("1");
  const diff = versions.nth(1).getByTestId("version-diff");
  await expect(diff.locator("del")).toContainText(["<b>Fridays</b>"]);
  await expect(diff.locator("ins")).toContainText(["Thursdays"]);
  // Text, never markup: the pack's <b> is shown as characters.
  await expect(page.locator("[data-testid=version-diff] b")).toHaveCount(0);
  await expect(versions.nth(0).getByRole("link", { name: first.slice(0, 8) })).toBeVisible();
  await expect(versions.nth(1).getByRole("link", { name: third.slice(0, 8) })).toBeVisible();
  await shoot(page, "memory-versions");
});
