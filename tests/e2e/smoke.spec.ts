import { expect, test } from "@playwright/test";

test("the home page leads to the interactions list, which shows a capture as text", async ({ page, request }) => {
  const prompt = `<script>window.__pwned = 1</script> smoke ${Date.now()}`;
  const res = await request.post("/api/interactions", { data: { prompt, project: "smoke" } });
  expect(res.status()).toBe(201);
  await page.goto("/");
  await expect(page).toHaveURL(/\/interactions$/);
  await expect(page.getByText(prompt)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
