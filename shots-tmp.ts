import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";
const s = JSON.parse(readFileSync("/tmp/sess/server.json", "utf8"));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
for (const scheme of ["light", "dark"] as const) {
  const ctx = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${s.token}` }, viewport: { width: 1280, height: 900 }, colorScheme: scheme });
  const page = await ctx.newPage();
  const t0 = Date.now();
  await page.goto(`${s.url}/sessions/scale-1000#turn-500`);
  await page.waitForURL(/from=500/);
  await page.locator('article[data-turn="500"]').waitFor();
  await page.waitForTimeout(500);
  console.log(scheme, "turn 500 y", (await page.locator('article[data-turn="500"]').boundingBox())!.y, Date.now() - t0, "ms");
  await page.locator("article[data-turn='500'] [data-testid='pack-diff'] summary").click();
  await page.locator("article[data-turn='500'] [data-testid='pack-diff'] [data-change]").first().waitFor();
  await page.screenshot({ path: `/tmp/sess/long-500-${scheme}.png` });
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize);
  console.log("js heap MB", heap && heap / 1e6);
  if (scheme === "light") {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${s.url}/sessions/scale-1000?from=300#turn-301`);
    await page.locator('article[data-turn="301"]').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/sess/long-301-phone.png` });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${s.url}/interactions/${s.ids[499]}`);
    await page.getByTestId("pack-diff").waitFor();
    await page.getByTestId("pack-diff").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/sess/detail-500.png` });
    await page.goto(`${s.url}/sessions/scale-1000?from=990#turn-1001`);
    await page.locator('article[data-turn="1001"]').waitFor();
    await page.locator("article[data-turn='1001'] [data-testid='pack-diff'] summary").click();
    await page.locator("article[data-turn='1001'] [data-testid='pack-diff'] [data-change]").first().waitFor();
    await page.waitForTimeout(300);
    console.log("1001 y", (await page.locator('article[data-turn="1001"]').boundingBox())!.y);
    await page.screenshot({ path: `/tmp/sess/long-1001.png` });
  }
  await ctx.close();
}
await browser.close();
