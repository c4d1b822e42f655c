import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { capture, shotPath, uid, type Capture } from "./seed";

// A tour of every page on realistic data, in light and dark, on a laptop and a phone, into
// tests/output/tour-*.png: the screenshots are for a person to look at, not compared by pixel.
// What is asserted: the key elements are there, every page has its own <title>, and no page
// scrolls sideways on the phone (long prompts, ids and code lines must wrap or scroll inside).

test.describe.configure({ timeout: 240_000 });

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

/** Two frames later the new viewport / colour scheme is laid out. */
const settled = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));

// A full-page screenshot would show off-screen transcript turns blank (content-visibility: auto
// skips their paint, and keeps the size they had at the other viewport), so the tour paints
// everything; the long transcript is shot one screen at a time instead (fullPage: false).
async function tour(page: Page, name: string, titles: Set<string>, { fullPage = true } = {}) {
  await page.addStyleTag({ content: "* { content-visibility: visible !important; }" });
  const title = await page.title();
  expect(title, `${name} has a title`).not.toBe("");
  expect(titles.has(title), `${name}'s title "${title}" is not another page's`).toBe(false);
  titles.add(title);
  for (const [device, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    // A resize keeps the scroll offset, not the #turn-N the page was scrolled to.
    await page.evaluate(() => location.hash && document.getElementById(location.hash.slice(1))?.scrollIntoView());
    if (device === "phone") {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect.soft(overflow, `${name} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
    }
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await settled(page);
      await page.screenshot({ path: shotPath(`tour-${name}-${device}-${scheme}.png`), fullPage });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(VIEWPORTS.desktop);
}

const LONG_LINE = `const result = await pipeline.run({ input: "${"x".repeat(180)}", retries: 3, timeoutMs: 30_000 });`;
const CODE_PROMPT = [
  "Why does the indexer crash on start-up? Here is the trace and the config:",
  "```ts",
  "export async function startIndexer(config: IndexerConfig): Promise<void> {",
  "  const queue = new WorkQueue(config.concurrency);",
  `  ${LONG_LINE}`,
  "  await queue.drain();",
  "}",
  "```",
  "Error: ENOENT: no such file or directory, open '/var/lib/atocore/index/segments/000000000000000000000000000001.seg'",
  ...Array.from({ length: 30 }, (_, i) => `    at Indexer.open (/srv/app/node_modules/indexer/lib/segment-reader-${i}.js:${100 + i}:17)`),
].join("\n");
const CODE_RESPONSE = [
  "The segment file is missing because the **compaction** ran while the indexer was down.",
  "",
  "```bash",
  `atocore index rebuild --from-journal --segment-dir /var/lib/atocore/index/segments --verbose --no-cache ${"--flag ".repeat(20)}`,
  "```",
  "",
  "Then restart the workers. Ünïcödé check: 日本語のテキスト, emoji 🚀🔥, RTL مرحبا, math ∑∫√.",
  ...Array.from({ length: 20 }, (_, i) => `Step ${i + 1}: verify segment ${i} with \`atocore index check ${i}\` and compare the checksum.`),
].join("\n");

function pack(i: number, memIds: string[], chunkIds: string[]): Record<string, unknown> {
  return {
    query: `turn ${i}: how does the gateway retry?`,
    memories: memIds.map((id, k) => ({
      id,
      text: `Memory ${id}: the gateway retries ${k + 1} times with exponential back-off; see runbook section ${k}.`,
      score: Math.round((0.95 - k * 0.1) * 100) / 100,
    })),
    chunks: chunkIds.map((chunk_id, k) => ({
      chunk_id,
      source: `docs/runbooks/${["gateway", "indexer", "scheduler"][k % 3]}-operations-guide-with-a-long-file-name.md`,
      text: `${LONG_LINE}\nChunk ${chunk_id} explains how to recover when <script>alert(1)</script> appears in input.`,
    })),
    budget: { tokens: 8192, used: 1200 + i * 10 },
  };
}

async function seed(request: APIRequestContext) {
  const tag = uid("tour");
  const projects = [`${tag}-atocore`, `${tag}-billing-service-with-a-rather-long-project-name`];
  const clients = ["claude-code", "openclaw", "manual-curl-client"];
  const one = `${tag}-solo`;
  const three = `${tag}-three`;
  const forty = `${tag}-forty-turn-session-with-a-long-identifier-0123456789abcdef`;

  const [soloId] = await capture(request, {
    prompt: CODE_PROMPT,
    response: CODE_RESPONSE,
    response_summary: "Rebuild the index from the journal, then restart the workers.",
    project: projects[0],
    client: clients[0],
    session_id: one,
    memories_used: ["mem-gateway-1", "mem-indexer-7"],
    chunks_used: ["doc-indexer#3"],
    context_pack: pack(0, ["mem-gateway-1", "mem-indexer-7", "mem-unused-9"], ["doc-indexer#3", "doc-faq#1"]),
  });

  const threeTurns: Capture[] = [
    {
      prompt: "Summarise the on-call hand-over for the billing service.",
      response: "Two incidents, both resolved; the invoice job is flaky at 02:00 UTC.",
      memories_used: ["mem-billing-1", "mem-billing-2"],
      context_pack: pack(1, ["mem-billing-1", "mem-billing-2", "mem-billing-3"], []),
    },
    {
      prompt: "Which incident was worse?",
      response_summary: "The duplicate-charge incident (summary only, response not stored).",
      memories_used: ["mem-billing-2", "mem-billing-4"],
      chunks_used: ["doc-billing#9"],
      context_pack: pack(2, ["mem-billing-2", "mem-billing-4"], ["doc-billing#9"]),
    },
    { prompt: "Thanks <script>window.__pwned = 1</script> <img src=x onerror=alert(1)>", memories_used: ["mem-billing-4"] },
  ];
  const threeIds = await capture(
    request,
    ...threeTurns.map((t) => ({ ...t, project: projects[1], client: clients[1], session_id: three })),
  );

  const fortyIds = await capture(
    request,
    ...Array.from({ length: 40 }, (_, i): Capture => {
      const mems = [`mem-${i % 5}`, `mem-${(i + 1) % 7}`];
      const chunks = i % 3 ? [`doc-${i % 4}#${i}`] : [];
      return {
        prompt: i === 7 ? CODE_PROMPT : `Turn ${i + 1}: next step of the migration plan for shard ${i}?`,
        response: i === 12 ? "" : i === 7 ? CODE_RESPONSE : `Shard ${i} is migrated; move on to shard ${i + 1}.`,
        response_summary: i === 12 ? "" : `shard ${i} done`,
        project: projects[i % 2],
        client: clients[i % 3],
        session_id: forty,
        memories_used: mems,
        chunks_used: chunks,
        context_pack: pack(i, [...mems, `mem-offered-${i}`], [...chunks, `doc-offered#${i}`]),
      };
    }),
  );
  return { tag, projects, soloId, threeIds, fortyIds, three, forty };
}

test("a visual tour of every page, light and dark, laptop and phone", async ({ page, request, browser }) => {
  // Layout and looks, the same on either database: the other specs run the pages on PostgreSQL.
  test.skip(process.env.TEST_DATABASE === "postgres", "looks are checked on the SQLite pass");
  const data = await seed(request);
  const titles = new Set<string>();

  // Signed out: the sign-in page.
  const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: {}, baseURL: test.info().project.use.baseURL });
  const signIn = await anonymous.newPage();
  await signIn.goto("/sign-in");
  await expect(signIn.getByRole("button", { name: /sign in/i })).toBeVisible();
  await tour(signIn, "sign-in", titles);
  await anonymous.close();

  await page.goto(`/interactions?project=${encodeURIComponent(data.projects[1])}&limit=25`);
  await expect(page.locator("tbody tr[data-id]")).toHaveCount(23);
  await tour(page, "interactions-filtered", titles);

  await page.goto(`/interactions?project=${encodeURIComponent(data.projects[0])}&session_id=no-such-session`);
  await expect(page.getByTestId("no-matches")).toBeVisible();
  titles.delete(await page.title()); // the same list page as above, filtered differently
  await tour(page, "interactions-no-matches", titles);

  await page.goto(`/interactions?project=${encodeURIComponent(data.projects[0])}&since=not-a-date`);
  await expect(page.getByTestId("filter-issues")).toBeVisible();
  titles.delete(await page.title());
  await tour(page, "interactions-invalid", titles);

  // Keyboard: j/k move through the rows, Enter opens one, Esc comes back to the list.
  await page.goto(`/interactions?project=${encodeURIComponent(data.projects[1])}&limit=25`);
  // The rows are drawn before the page listens for keys (hydration): press until one is selected.
  await expect(async () => {
    await page.locator("body").press("j");
    await expect(page.locator("tbody tr[aria-selected=true]")).toHaveCount(1, { timeout: 1000 });
  }).toPass();
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(page.locator("tbody tr[aria-selected=true]")).toHaveCount(1);
  titles.delete(await page.title());
  await tour(page, "interactions-keyboard", titles);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/interactions\/[^?]+/);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/interactions\?/);
  // The list shows "Loading…" (no search box yet) while its queries run.
  await expect(page.locator("[data-shortcut-filter]")).toBeVisible();
  await page.keyboard.press("/");
  await expect(page.locator("[data-shortcut-filter]")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.locator("[data-shortcut-filter]")).not.toBeFocused();

  await page.goto(`/interactions/${data.soloId}`);
  const viewer = page.getByTestId("context-pack");
  await viewer.getByRole("button", { name: "Expand all" }).click();
  await expect(page.getByTestId("pack-counts")).toBeVisible();
  await tour(page, "interaction-detail", titles);
  await page.getByLabel("Filter the context pack").fill("gateway");
  await expect(viewer.getByText(/^\d+ found$/)).toBeVisible();
  titles.delete(await page.title());
  await tour(page, "interaction-detail-filtered", titles);

  await page.goto(`/interactions/${data.threeIds[2]}`);
  await expect(page.locator("main")).not.toContainText("window.__pwned = 1</script>x");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await tour(page, "interaction-detail-no-response", titles);

  await page.goto(`/sessions?project=${encodeURIComponent(data.projects[1])}`);
  await expect(page.getByRole("cell", { name: data.three, exact: true })).toBeVisible();
  await tour(page, "sessions", titles);

  await page.goto(`/sessions/${encodeURIComponent(data.three)}`);
  await expect(page.locator("article[data-turn]")).toHaveCount(3);
  await page.locator("article[data-turn='2']").getByRole("button", { name: /memor/ }).click();
  await expect(page.getByTestId("context-pack-panel").first()).toBeVisible();
  await expect(page.getByTestId("pack-diff").first()).toBeVisible();
  await tour(page, "session-three", titles);

  await page.goto(`/sessions/${encodeURIComponent(data.forty)}`);
  // The page holds one window of turns (25); the rest load as the reviewer scrolls or jumps.
  await expect(page.locator("article[data-turn]")).toHaveCount(25);
  await tour(page, "session-forty", titles, { fullPage: false });
  await page.getByLabel("Go to turn").fill("8");
  await page.getByLabel("Go to turn").press("Enter");
  await expect(page).toHaveURL(/#turn-8$/);
  titles.delete(await page.title());
  await tour(page, "session-forty-turn-8", titles, { fullPage: false });

  await page.goto(`/memories/mem-billing-2`);
  await expect(page.getByTestId("use-count")).toBeVisible();
  await tour(page, "memory", titles);

  await page.goto(`/chunks/${encodeURIComponent("doc-indexer#3")}`);
  await expect(page.getByTestId("use-count")).toBeVisible();
  await tour(page, "chunk", titles);

  await page.goto(`/audit`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await tour(page, "audit", titles);

  await page.goto(`/interactions/${uid("missing")}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No such interaction");
  await expect(page).toHaveTitle(/not found/);
  await tour(page, "interaction-404", titles);

  await page.goto(`/sessions/${uid("missing")}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No such session");
  await expect(page).toHaveTitle(/not found/);
  await tour(page, "session-404", titles);

  await page.goto(`/${uid("nowhere")}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page does not exist");
  await expect(page).toHaveTitle(/Not found/);
  await tour(page, "404", titles);
});
