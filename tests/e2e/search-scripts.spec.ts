import { expect, test } from "@playwright/test";
import { capture, shotPath, uid } from "./seed";

// Search in every language, seen in the list: words inside Japanese, Chinese and Thai text are
// found without * and highlighted where they occur, beside words of other languages.
test("the list finds and highlights words inside Japanese, Chinese and Thai text", async ({ page, request }) => {
  // Four page loads: past the default 30 s on a loaded machine.
  test.slow();
  const project = uid("cjk");
  const long = "設定を確認してから、キャッシュを再構築します。".repeat(12);
  const [cache, chinese, thai] = await capture(
    request,
    { project, prompt: "キャッシュの無効化について教えてください", response: `deploy の前に ${long} キャッシュの無効化は不要です。` },
    { project, prompt: "缓存失效的配置在哪里？", response: "在配置文件中设置缓存失效时间。" },
    { project, prompt: "การค้นหาแคชทำงานอย่างไร", response: "แคชจะถูกล้างหลังจาก deploy" },
    { project, prompt: "設定を変更する", response: "no match here" },
  );

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/interactions?project=${project}`);
  await page.getByLabel("Search").fill("キャッシュ");
  await page.getByLabel("Search").press("Enter");
  await expect(page.getByTestId("match-count")).toHaveText("1 match");
  const row = page.locator(`tr[data-id="${cache}"]`);
  await expect(row.locator("mark").first()).toHaveText("キャッシュ");

  await page.goto(`/interactions?project=${project}&q=${encodeURIComponent("無効 OR 失效 OR ค้นหา")}`);
  await expect(page.getByTestId("match-count")).toHaveText("3 matches");
  await expect(page.locator(`tr[data-id="${cache}"] mark`).first()).toHaveText("無効");
  await expect(page.locator(`tr[data-id="${chinese}"] mark`).first()).toHaveText("失效");
  await expect(page.locator(`tr[data-id="${thai}"] mark`).first()).toHaveText("ค้นหา");
  await page.screenshot({ path: shotPath("interactions-search-scripts.png"), fullPage: true });

  // Mixed with a word: both must hold.
  await page.goto(`/interactions?project=${project}&q=${encodeURIComponent("deploy แคช")}`);
  await expect(page.getByTestId("match-count")).toHaveText("1 match");
  await expect(page.locator(`tr[data-id="${thai}"] mark`)).not.toHaveCount(0);
});

test("the detail page highlights words inside Japanese text", async ({ page, request }) => {
  const [id] = await capture(request, { prompt: "キャッシュの無効化について", response: "キャッシュを再構築しました。deploy は不要です。" });
  await page.goto(`/interactions/${id}?q=${encodeURIComponent("キャッシュ 無効")}`);
  await expect(page.locator("main mark").first()).toHaveText("キャッシュ");
  await expect(page.locator("main mark", { hasText: "無効" })).not.toHaveCount(0);
  await page.screenshot({ path: shotPath("interaction-detail-search-scripts.png"), fullPage: true });
});
