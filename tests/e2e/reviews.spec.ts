import { expect, test, type Page } from "@playwright/test";
import { capture, shoot, uid } from "./seed";

// Reviews in the viewer, signed in with a token that has every scope (the review scope too):
// the detail page by keyboard and per pack item, a correction shown as superseding, the lists'
// review column and filter, the session page, and the /review queue with its progress.

// Each test shoots its pages in two schemes and sizes: on a busy machine that takes a while.
test.describe.configure({ timeout: 150_000 });

const PACK = {
  memories: [
    { id: "m-tea", text: "likes tea 🍵" },
    { id: "m-oslo", text: "lives in Oslo (old)" },
  ],
  chunks: [{ id: "c-ar", text: "مرحبا بالعالم" }],
};

/** Presses a key with nothing focused: the page's shortcuts, not a field's typing. */
async function pressOnPage(page: Page, key: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}

test("a turn is reviewed by keyboard: label, note, verdict; the lists show and filter it", async ({ page, request }) => {
  const project = uid("rev-proj");
  const [id, other] = await capture(
    request,
    { prompt: "Where do I live?", response: "Oslo.", project, memories_used: ["m-oslo"], context_pack: PACK },
    { prompt: "Second turn", project, context_pack: PACK },
  );
  await page.goto(`/interactions/${id}`);
  const panel = page.getByTestId("review-panel");
  await expect(panel).toBeVisible();
  await pressOnPage(page, "n");
  await expect(page.getByTestId("review-note-input")).toBeFocused();
  // Keys typed into the note are text, not shortcuts.
  await page.keyboard.type("memory is stale <b>not html</b> 東京");
  await page.keyboard.press("Escape");
  await panel.getByRole("button", { name: "stale-memory" }).click();
  await pressOnPage(page, "p");
  const review = panel.getByTestId("review-list").first().getByTestId("review");
  await expect(review).toHaveCount(1);
  await expect(review.getByTestId("verdict")).toHaveText("problem");
  await expect(review.getByTestId("review-note")).toHaveText("memory is stale <b>not html</b> 東京");
  await expect(review.getByTestId("review-author")).toHaveText("tests");
  await expect(review).toContainText("UTC");
  const stored = await (await request.get(`/api/interactions/${id}/reviews`)).json();
  expect(stored.reviews).toHaveLength(1);
  expect(stored.reviews[0]).toMatchObject({ verdict: "problem", labels: ["stale-memory"], note: "memory is stale <b>not html</b> 東京" });
  await shoot(page, "review-detail");

  // The list: a review column, and the review filter through the URL.
  await page.goto(`/interactions?project=${project}`);
  await expect(page.locator("tbody tr")).toHaveCount(2);
  await expect(page.locator("tbody [data-verdict=problem]")).toHaveCount(1);
  await page.goto(`/interactions?project=${project}&review=unreviewed`);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator("tbody tr")).toContainText("Second turn");
  await page.locator("select[name=review]").selectOption("problem");
  await expect(page).toHaveURL(/review=problem/);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator("tbody tr")).toContainText("Where do I live?");
  await shoot(page, "review-list-filter");
  expect(other).toBeTruthy();
});

test("a pack item is reviewed where it is listed, and a correction supersedes a review", async ({ page, request }) => {
  const [id] = await capture(request, { prompt: "Tea or coffee?", response: "Tea.", memories_used: ["m-tea"], context_pack: PACK });
  await page.goto(`/interactions/${id}`);
  const panel = page.getByTestId("review-panel");
  const item = panel.locator('[data-item-pointer="/memories/1"]');
  await item.getByRole("button", { name: "Review item /memories/1" }).click();
  await expect(panel.getByTestId("review-subject")).toHaveText("Pack item /memories/1");
  await panel.getByRole("button", { name: "unused-but-offered" }).click();
  await panel.getByRole("button", { name: /^question/ }).click();
  await expect(item.getByTestId("review")).toHaveCount(1);
  await expect(item.getByTestId("verdict")).toHaveText("question");
  // The review points at that item only.
  await expect(panel.locator('[data-item-pointer="/memories/0"]').getByTestId("review")).toHaveCount(0);
  const [stored] = (await (await request.get(`/api/interactions/${id}/reviews`)).json()).reviews;
  expect(stored.target).toEqual({ interaction_id: id, pointer: "/memories/1" });

  // Correct it: the earlier review stays, marked superseded.
  await item.getByRole("button", { name: "Correct" }).click();
  await expect(panel.getByTestId("correcting")).toBeVisible();
  await pressOnPage(page, "o");
  await expect(item.getByTestId("review")).toHaveCount(2);
  await expect(item.locator("[data-superseded=true]")).toHaveCount(1);
  await expect(item.locator("[data-superseded=true]")).toContainText("superseded");
  await expect(item.locator("[data-superseded=true] [data-testid=verdict]")).toHaveText("question");
  await expect(item.locator('[data-testid=review]:not([data-superseded]) [data-testid=verdict]')).toHaveText("ok");
  await shoot(page, "review-superseded");
});

test("the session page gives a session verdict, per-turn badges and the next unreviewed turn", async ({ page, request }) => {
  const session_id = uid("rev-session");
  const [first, second] = await capture(request, { prompt: "turn one", session_id, context_pack: PACK }, { prompt: "turn two", session_id, context_pack: PACK });
  expect((await request.post(`/api/interactions/${first}/reviews`, { data: { verdict: "ok" } })).status()).toBe(201);
  await page.goto(`/sessions/${session_id}`);
  await expect(page.locator("[data-testid=turn-verdict][data-turn='1'] [data-verdict=ok]")).toBeVisible();
  await expect(page.locator("[data-testid=turn-verdict][data-turn='2'] [data-verdict=none]")).toBeVisible();
  await expect(page.getByTestId("next-unreviewed")).toHaveAttribute("href", `/interactions/${second}`);
  await expect(page.getByTestId("session-verdict")).toHaveText("unreviewed");
  await pressOnPage(page, "?");
  await expect(page.locator("[data-testid=session-verdict] [data-verdict=question]")).toBeVisible();
  await shoot(page, "review-session", { fullPage: false });
});

test("the review queue: unreviewed sessions oldest first, mark reviewed and next on one key, progress", async ({ page, request }) => {
  const project = uid("rev-queue");
  const sessions = [uid("q-a"), uid("q-b"), uid("q-c")];
  for (const session_id of sessions) await capture(request, { prompt: `work in ${session_id}`, project, session_id });
  await page.goto(`/review?project=${project}`);
  await expect(page.getByTestId("review-progress")).toHaveText("0 of 3 reviewed");
  await expect(page.getByTestId("queue-current")).toHaveAttribute("data-session-id", sessions[0]);
  await shoot(page, "review-queue", { fullPage: false });
  await pressOnPage(page, "m");
  await expect(page.getByTestId("review-progress")).toHaveText("1 of 3 reviewed");
  await expect(page.getByTestId("queue-current")).toHaveAttribute("data-session-id", sessions[1]);
  const [review] = (await (await request.get(`/api/sessions/${sessions[0]}/reviews`)).json()).reviews;
  expect(review).toMatchObject({ verdict: "ok", author: "tests" });
  await page.getByRole("link", { name: "newest first" }).click();
  await expect(page.getByTestId("queue-current")).toHaveAttribute("data-session-id", sessions[2]);
  await pressOnPage(page, "m");
  await expect(page.getByTestId("review-progress")).toHaveText("2 of 3 reviewed");
  await expect(page.getByTestId("queue-current")).toHaveAttribute("data-session-id", sessions[1]);
  await page.getByRole("button", { name: /Mark reviewed/ }).click();
  await expect(page.getByTestId("review-progress")).toHaveText("3 of 3 reviewed");
  await expect(page.getByTestId("queue-empty")).toBeVisible();
  // The sessions list shows the verdicts and filters by them.
  await page.goto(`/sessions?project=${project}&review=ok`);
  await expect(page.locator("tbody tr")).toHaveCount(3);
  await page.goto(`/sessions?project=${project}&review=unreviewed`);
  await expect(page.locator("tbody tr")).toHaveCount(0);
});
