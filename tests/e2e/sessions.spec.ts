import { expect, test, type Locator } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { capture, insertAt, shoot, uid } from "./seed";

// A three-turn session captured through the API: the context changes from turn to turn,
// turn 2 has only a summary and turn 3 no response at all.
// A diff's entries in any order: a pack's keys come back in PostgreSQL's jsonb order.
async function expectEntries(entries: Locator, texts: string[]) {
  await expect(entries).toHaveCount(texts.length);
  expect((await entries.allInnerTexts()).sort()).toEqual([...texts].sort());
}

async function seedSession(request: import("@playwright/test").APIRequestContext) {
  const tag = randomUUID().slice(0, 8);
  const session_id = `e2e-${tag}`;
  const client = `client-${tag}`;
  const turns = [
    {
      prompt: "What do I drink in the morning?",
      response: "You like tea.",
      memories_used: ["m1", "m2"],
      chunks_used: [],
      context_pack: {
        memories: [
          { id: "m1", text: "likes tea" },
          { id: "m2", text: "lives in Oslo" },
          { id: "m9", text: "once tried coffee" },
        ],
      },
    },
    {
      prompt: "And my pet?",
      response_summary: "Said the user owns a cat.",
      memories_used: ["m2", "m3"],
      chunks_used: ["c7"],
      context_pack: {
        memories: [{ memory_id: "m3", content: "owns a cat" }, { id: "m2", text: "lives in Oslo" }],
        chunks: [{ chunk_id: "c7", text: "Cats sleep 16 hours a day." }],
      },
    },
    { prompt: "Thanks <script>window.__pwned = 1</script>", memories_used: ["m2", "m3"], chunks_used: [] },
  ];
  for (const t of turns) {
    const res = await request.post("/api/interactions", { data: { ...t, session_id, client, project: "e2e" } });
    expect(res.status()).toBe(201);
  }
  return { session_id, client, turns };
}

test("the sessions list filters by client and opens a transcript in turn order with its context changes", async ({ page, request }) => {
  test.slow(); // eight screenshots
  const { session_id, client, turns } = await seedSession(request);
  await page.goto(`/sessions?client=${client}`);
  await expect(page).toHaveTitle(/Sessions/);
  const row = page.locator(`tr[data-session-id="${session_id}"]`);
  await expect(row).toContainText("3");
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await shoot(page, "sessions-list");
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${session_id}$`));

  const articles = page.locator("article[data-turn]");
  await expect(articles).toHaveCount(3);
  for (const [i, t] of turns.entries()) await expect(articles.nth(i)).toContainText(t.prompt);
  await expect(articles.nth(0)).toContainText("You like tea.");
  await expect(articles.nth(1)).toContainText("summary");
  await expect(articles.nth(1)).toContainText("Said the user owns a cat.");
  await expect(articles.nth(2)).toContainText("No response recorded");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // Turn 1 has no previous turn. The packs, not the used ids, are compared: turn 2's pack
  // brings m3 and c7 and drops m1 and the offered m9; turn 3 has no pack, so all of it left.
  await expect(articles.nth(0).getByTestId("pack-diff")).toHaveCount(0);
  const change2 = articles.nth(1).getByTestId("pack-diff");
  await expect(change2).toContainText("compared with turn 1");
  await expectEntries(change2.locator('[data-change="entered"]'), [
    "+ memory m3 entered (used): owns a cat",
    "+ chunk c7 entered (used): Cats sleep 16 hours a day.",
  ]);
  await expectEntries(change2.locator('[data-change="left"]'), ["− memory m1 left (was used): likes tea", "− memory m9 left (was offered): once tried coffee"]);
  const change3 = articles.nth(2).getByTestId("pack-diff");
  await expect(change3.locator('[data-change="entered"]')).toHaveCount(0);
  await expectEntries(change3.locator('[data-change="left"]'), [
    "− memory m3 left (was used): owns a cat",
    "− memory m2 left (was used): lives in Oslo",
    "− chunk c7 left (was used): Cats sleep 16 hours a day.",
  ]);

  // The detail page of turn 2 shows the same diff, compared with turn 1.
  const detailHref = (await articles.nth(1).getByRole("link", { name: "details" }).getAttribute("href"))!;
  // Each turn links to its detail page and has an anchor; the outline jumps to turn N.
  await expect(articles.nth(1).getByRole("link", { name: "details" })).toHaveAttribute("href", /^\/interactions\/[0-9a-f-]{36}$/);
  await page.getByLabel("Go to turn").fill("3");
  await page.getByRole("button", { name: "Go" }).click();
  await expect(page).toHaveURL(/#turn-3$/);
  await shoot(page, "session-transcript");

  await page.goto(detailHref);
  const detailDiff = page.getByTestId("pack-diff");
  await expect(page.getByRole("heading", { name: /Context pack changes compared with turn 1/ })).toBeVisible();
  await expectEntries(detailDiff.locator("[data-change]"), [
    "+ memory m3 entered (used): owns a cat",
    "+ chunk c7 entered (used): Cats sleep 16 hours a day.",
    "− memory m1 left (was used): likes tea",
    "− memory m9 left (was offered): once tried coffee",
  ]);
});

test("a turn's chips expand in place to its context pack with used and offered marks", async ({ page, request }) => {
  test.slow(); // four screenshots
  const { session_id } = await seedSession(request);
  await page.goto(`/sessions/${session_id}`);
  const first = page.locator("article[data-turn='1']");
  await expect(first.getByTestId("context-pack")).toHaveCount(0);
  await first.getByRole("button", { name: "2 memories" }).click();
  const pack = first.getByTestId("context-pack");
  await expect(pack.locator('[data-mark="used"]')).toHaveCount(2);
  await expect(pack.locator('[data-mark="offered"]')).toHaveCount(1);
  await expect(pack.locator('[data-mark="offered"]')).toContainText("once tried coffee");
  await expect(pack.getByTestId("pack-counts")).toContainText("2");
  await expect(first.getByRole("button", { name: "0 chunks" })).toHaveAttribute("aria-expanded", "true");
  await shoot(page, "session-pack-open");
  await first.getByRole("button", { name: "0 chunks" }).click();
  await expect(pack).toHaveCount(0);
});

test("a turn's page lists the first 100 changes of a long pack diff and counts the rest", async ({ page, request }) => {
  const session_id = uid("long-diff");
  const memories = (from: number) => Array.from({ length: 150 }, (_, i) => ({ id: `mem-${from + i}`, text: `記憶 ${from + i}` }));
  const [, second] = await capture(
    request,
    { prompt: "first turn", session_id, context_pack: { memories: memories(0) } },
    { prompt: "second turn", session_id, context_pack: { memories: memories(1000) } },
  );
  await page.goto(`/interactions/${second}`);
  const diff = page.getByTestId("pack-diff");
  await expect(diff).toContainText("+150 entered, −150 left");
  await expect(diff.locator("li[data-change]")).toHaveCount(100);
  await expect(diff).toContainText("and 200 more changes");
  // The API has them all.
  const body = (await (await request.get(`/api/interactions/${second}/pack-diff`)).json()) as { pack_diff: { items: unknown[] } };
  expect(body.pack_diff.items).toHaveLength(300);
});

test("the export links download the transcript as Markdown and the turns as JSON", async ({ page, request }) => {
  const { session_id, turns } = await seedSession(request);
  await page.goto(`/sessions/${session_id}`);
  for (const [name, format] of [["Export Markdown", "md"], ["Export JSON", "json"]] as const) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
    expect(download.suggestedFilename()).toBe(`session-${session_id}.${format}`);
    const text = readFileSync((await download.path())!, "utf8");
    if (format === "json") {
      const body = JSON.parse(text) as { turns: { turn: number; prompt: string; memories_used: string[] }[] };
      expect(body.turns.map((t) => [t.turn, t.prompt, t.memories_used])).toEqual(turns.map((t, i) => [i + 1, t.prompt, t.memories_used]));
    } else {
      const positions = turns.map((t) => text.indexOf(t.prompt));
      expect(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]))).toBe(true);
      expect(text).toContain("- Memory entered: `m3` — owns a cat");
      expect(text).toContain("_No response recorded._");
    }
  }
});

test("an unknown session shows a not-found page with a way back", async ({ page }) => {
  const res = await page.goto(`/sessions/no-such-${randomUUID()}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such session" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the sessions" }).click();
  await expect(page).toHaveURL(/\/sessions$/);
});

test("a session id with spaces, slashes and percent signs opens from the list", async ({ page, request }) => {
  const tag = randomUUID().slice(0, 8);
  const session_id = `odd ${tag} a/b%2F c?d#é %zz`;
  const res = await request.post("/api/interactions", { data: { prompt: "odd id", session_id, client: `odd-${tag}` } });
  expect(res.status()).toBe(201);
  await page.goto(`/sessions/${encodeURIComponent(session_id)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Session ${session_id}`);
  await page.goto(`/sessions?client=odd-${tag}`);
  await page.locator("tbody tr").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Session ${session_id}`);
  await expect(page.locator("article[data-turn]")).toHaveCount(1);
});

test("a long prompt folds to its first lines and unfolds in place", async ({ page, request }) => {
  const session_id = `fold-${randomUUID().slice(0, 8)}`;
  const prompt = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join("\n");
  expect((await request.post("/api/interactions", { data: { prompt, session_id } })).status()).toBe(201);
  await page.goto(`/sessions/${session_id}`);
  const turn = page.locator("article[data-turn='1']");
  const text = turn.getByText("line 1\nline 2", { exact: false });
  const folded = (await text.boundingBox())!.height;
  await turn.getByText(/Show all/).click();
  await expect(turn.getByText("Show less")).toBeVisible();
  expect((await text.boundingBox())!.height).toBeGreaterThan(folded * 2);
  await turn.getByText("Show less").click();
  await expect(turn.getByText(/Show all/)).toBeVisible();
});

test("each turn shows its time and the gap since the previous turn", async ({ page }) => {
  const session_id = `e2e-gap-${randomUUID().slice(0, 8)}`;
  const t0 = Date.UTC(2025, 5, 1, 9, 0, 0);
  await insertAt(t0, { prompt: "first", session_id });
  await insertAt(t0 + 90_000, { prompt: "second", session_id });
  await insertAt(t0 + 90_000 + 3 * 3_600_000, { prompt: "third", session_id });
  await page.goto(`/sessions/${encodeURIComponent(session_id)}`);
  const articles = page.locator("article[data-turn]");
  await expect(articles).toHaveCount(3);
  await expect(articles.nth(0)).toContainText("2025-06-01 09:00:00.000 UTC");
  await expect(articles.nth(0)).not.toContainText("after the previous turn");
  await expect(articles.nth(1)).toContainText("2025-06-01 09:01:30.000 UTC");
  await expect(articles.nth(1)).toContainText("+1.5 min after the previous turn");
  await expect(articles.nth(2)).toContainText("+3 h after the previous turn");
});

test("the sessions list works from the keyboard: j/k move, Enter opens, Esc returns, / focuses the filter box", async ({ page, request }) => {
  const client = `kbd-${randomUUID().slice(0, 8)}`;
  for (const s of ["older", "newer"]) {
    const res = await request.post("/api/interactions", { data: { prompt: `a turn of ${s}`, session_id: `${client}-${s}`, client } });
    expect(res.status()).toBe(201);
  }
  await page.goto(`/sessions?client=${client}`);
  await expect(page.locator("tbody tr")).toHaveCount(2);
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(page.locator(`tr[data-session-id="${client}-newer"]`)).toBeFocused();
  await page.keyboard.press("j");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/sessions/${client}-older$`));
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/sessions$/);
  // The list shows "Loading…" (no search box yet) while its queries run.
  await expect(page.getByLabel("Search")).toBeVisible();
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search")).toBeFocused();
});
