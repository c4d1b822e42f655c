import { expect, test } from "@playwright/test";
import { capture, shoot, uid } from "./seed";

const PACK = {
  query: "how do keys rotate?",
  memories: [
    { id: "mem-used", text: "Keys rotate monthly" },
    { id: "mem-offered", text: "The office is closed on Fridays" },
  ],
  chunks: [
    { chunk_id: "doc-3#2", text: "keys rotate ..." },
    { chunk_id: "doc-9#1", text: "unrelated chunk" },
  ],
};

test("the context pack marks what was used and what was only offered", async ({ page, request }) => {
  const [id] = await capture(request, {
    prompt: "How do keys rotate?",
    response: "Monthly.",
    project: uid("pack"),
    memories_used: ["mem-used", "mem-ghost"],
    chunks_used: ["doc-3#2"],
    context_pack: PACK,
  });
  await page.goto(`/interactions/${id}`);
  await expect(page).toHaveTitle(/How do keys rotate\?/);

  const pack = page.getByTestId("context-pack");
  await expect(pack.getByTestId("pack-counts")).toHaveText(/2\s*used\s*2\s*offered, not used/);
  await expect(pack.locator('[data-pointer="/memories/0"]')).toHaveAttribute("data-mark", "used");
  await expect(pack.locator('[data-pointer="/memories/1"]')).toHaveAttribute("data-mark", "offered");
  await expect(pack.locator('[data-pointer="/chunks/0"]')).toHaveAttribute("data-mark", "used");
  await expect(pack.locator('[data-pointer="/chunks/1"]')).toHaveAttribute("data-mark", "offered");
  await expect(pack.locator('[data-pointer="/memories/0"]').getByText("used", { exact: true })).toBeVisible();
  await expect(pack.locator('[data-pointer="/memories/1"]').getByText("offered, not used")).toBeVisible();
  await expect(pack.getByRole("alert")).toContainText("mem-ghost");
  // Every memory and chunk id in the pack, and each missing one, links to that item's page.
  await expect(pack.getByRole("alert").getByRole("link", { name: "mem-ghost" })).toHaveAttribute("href", "/memories/mem-ghost");
  await pack.getByRole("button", { name: "Expand all" }).click();
  await expect(pack.locator('[data-pointer="/memories/0/id"] a')).toHaveAttribute("href", "/memories/mem-used");
  await expect(pack.locator('[data-pointer="/chunks/1/chunk_id"] a')).toHaveAttribute("href", "/chunks/doc-9%231");

  // Memories and chunks used, as lists of ids.
  await expect(page.getByTitle("not in the context pack")).toHaveText("mem-ghost (not in pack)");

  // Expand all shows the items' texts; the filter keeps only what matches (and its ancestors).
  await expect(pack.getByText('"The office is closed on Fridays"')).toBeVisible();
  await page.keyboard.press("/");
  await expect(pack.getByLabel("Filter the context pack")).toBeFocused();
  await page.keyboard.type("unrelated");
  await expect(pack.getByText("1 found")).toBeVisible();
  await expect(pack.getByText('"unrelated chunk"')).toBeVisible();
  await expect(pack.locator('[data-pointer="/memories"]')).toHaveCount(0);
  await page.keyboard.press("Escape");
  await pack.getByLabel("Filter the context pack").fill("");

  // Collapse all, then the raw view holds the exact JSON.
  await pack.getByRole("button", { name: "Collapse all" }).click();
  await expect(pack.locator('[data-pointer="/memories/0"]')).toHaveCount(0);
  await pack.getByRole("button", { name: "Raw view" }).click();
  expect(JSON.parse(await pack.locator("pre").innerText())).toEqual(PACK);
});

test("user text renders as text and runs nothing", async ({ page, request }) => {
  const project = uid("xss");
  const evil = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> ${project}`;
  const [id] = await capture(request, {
    prompt: evil,
    response: evil,
    response_summary: evil,
    project,
    client: "<b>bold</b>",
    session_id: `<img src=y onerror="window.__pwned=3">`,
    memories_used: [evil],
    context_pack: { memories: [{ id: evil, text: evil }], [evil]: evil },
  });
  const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

  await page.goto(`/interactions?project=${project}`);
  await expect(page.locator("tbody").getByText(evil).first()).toBeVisible();
  await page.goto(`/interactions/${id}`);
  await expect(page.locator("main pre").getByText(evil).first()).toBeVisible();
  await page.getByTestId("context-pack").getByRole("button", { name: "Expand all" }).click();
  await expect(page.getByTestId("context-pack").getByText(`"${evil}"`).first()).toBeVisible();
  expect(await page.locator("main img, main script, main b").count()).toBe(0);
  expect(await pwned()).toBeUndefined();
});

test("the header shows the session position with links to the previous and next turn", async ({ page, request }) => {
  const session = `${uid("conv")} / with spaces`;
  const [t1, t2, t3] = await capture(
    request,
    { prompt: "turn one", session_id: session },
    { prompt: "turn two", session_id: session },
    { prompt: "turn three", session_id: session },
  );
  await page.goto(`/interactions/${t2}`);
  await expect(page.getByTestId("turn")).toHaveText("turn 2 of 3");
  await expect(page.getByRole("link", { name: session })).toHaveAttribute("href", `/sessions/${encodeURIComponent(session)}`);
  await page.getByRole("link", { name: "next turn →" }).click();
  await expect(page).toHaveURL(`/interactions/${t3}`);
  await expect(page.getByTestId("turn")).toHaveText("turn 3 of 3");
  await expect(page.getByRole("link", { name: "next turn →" })).toHaveCount(0);
  await page.getByRole("link", { name: "← previous turn" }).click();
  await expect(page).toHaveURL(`/interactions/${t2}`);
  await page.getByRole("link", { name: "← previous turn" }).click();
  await expect(page).toHaveURL(`/interactions/${t1}`);
  await expect(page.getByTestId("turn")).toHaveText("turn 1 of 3");
});

test("long texts fold behind show all", async ({ page, request }) => {
  const long = Array.from({ length: 60 }, (_, i) => `line ${i + 1}`).join("\n");
  const [id] = await capture(request, { prompt: long, project: uid("fold") });
  await page.goto(`/interactions/${id}`);
  await expect(page.getByText("line 60")).toHaveCount(0);
  await page.getByRole("button", { name: /Show all \(60 lines/ }).click();
  await expect(page.getByText(/line 60/)).toBeVisible();
});

test("an unknown id is a 404 page with a way back", async ({ page }) => {
  const res = await page.goto(`/interactions/${uid("missing")}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such interaction" })).toBeVisible();
  await expect(page).toHaveTitle(/not found/i);
  await page.getByRole("link", { name: "← Back to the interactions" }).click();
  await expect(page).toHaveURL(/\/interactions$/);
});

test.describe("in the reader's own time zone", () => {
  // Far from the server's zone (UTC here), so a server-rendered "local" time would show.
  test.use({ timezoneId: "Asia/Tokyo", permissions: ["clipboard-read", "clipboard-write"] });

  test("the header shows the time in UTC and in the reader's zone, and the copy buttons copy", async ({ page, request }) => {
    const pack = { memories: [{ id: "m-tz", text: "t" }] };
    const [id] = await capture(request, { prompt: "What time is it?", project: uid("tz"), memories_used: ["m-tz"], context_pack: pack });
    const created = new Date(((await (await request.get(`/api/interactions/${id}`)).json()) as { created_at: string }).created_at);
    await page.goto(`/interactions/${id}`);

    const tokyo = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    const [h, m, s] = tokyo.format(created).split(":");
    const local = page.getByText(/^local:/).locator("time");
    await expect(local).toHaveAttribute("datetime", created.toISOString());
    await expect(local).toContainText("GMT+9");
    // The page prints a 12-hour clock; compare the instant, not the format.
    await expect(local).toContainText(`${String(Number(h) % 12 || 12).padStart(2, "0")}:${m}:${s}`);

    await page.getByRole("button", { name: "Copy id" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(id);
    await page.getByTestId("context-pack").getByRole("button", { name: "Copy JSON" }).click();
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(pack);
  });
});

test("texts of MBs: the page and its session's transcript show their starts and link to the whole", async ({ page, request }) => {
  const session = uid("big-text");
  const prompt = `${"ログの行です。".repeat(10)}\n${"0123456789 ".repeat(200_000)}end of the pasted log`;
  const [id] = await capture(request, { prompt, response: "Looked at it.", session_id: session, project: uid("big-text") });
  const response = await page.goto(`/interactions/${id}`);
  // 2.2 MB of prompt; the page carries its first 100,000 characters (HTML and payload).
  expect((await response!.body()).length).toBeLessThan(600_000);
  const whole = page.getByTestId("whole-text");
  await expect(whole).toHaveText(/first 100,000 characters; the whole text \(2,200,0\d\d characters\)/);
  const text = await request.get((await whole.getAttribute("href"))!);
  expect(await text.text()).toBe(prompt);
  await expect(page.getByRole("button", { name: "Show the first 100,000 characters" })).toBeVisible();
  await shoot(page, "interaction-big-prompt", { fullPage: false });

  await page.goto(`/sessions/${session}`);
  const link = page.getByTestId("whole-text");
  await expect(link).toHaveText(/The whole prompt \(2,200,0\d\d characters\) is on the interaction's page/);
  await expect(page.getByText("Show the first 10,000 characters")).toBeVisible();
  await shoot(page, "session-big-prompt", { fullPage: false });
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/interactions/${id}$`));
});
