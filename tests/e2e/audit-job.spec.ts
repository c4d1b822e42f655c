import { expect, test } from "@playwright/test";
import { SESSION_COOKIE } from "@/lib/auth/credentials";
import { BIG_BODY_ENV, captureMany } from "../helpers/chained-rows";
import { startServer, type RunningServer } from "../helpers/server";
import { shotPath } from "./seed";

// /audit following a full verification that runs in the background, on a server of its own
// with a chain long enough for the verification to take a while.
let server: RunningServer;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  // The secret scan at capture is not what this spec checks, and it makes seeding
  // 20,000 rows overrun the hook's budget on a loaded machine.
  server = await startServer({ env: { ...BIG_BODY_ENV, REDACT_SECRETS: "0" } });
  await captureMany(server.fetch, 20_000);
});

test.afterAll(async () => {
  await server?.stop();
});

test("/audit shows a running full verification's progress, then its result", async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({
    baseURL: server.url,
    extraHTTPHeaders: {},
    storageState: { cookies: [{ name: SESSION_COOKIE, value: server.token, domain: "127.0.0.1", path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Strict" }], origins: [] },
  });
  const page = await context.newPage();
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: /Tamper evidence/ })).toBeVisible();
  await page.getByRole("button", { name: "Verify the whole chain" }).click();

  const progress = page.getByTestId("verify-progress");
  await expect(progress).toHaveText(/Full verification running since .* UTC: link [\d,]+ of [\d,]+ \(\d+%\), [\d,]+ links checked\./);
  await expect(page.getByRole("button", { name: "Verify the whole chain" })).toBeDisabled();
  await expect(page.getByRole("progressbar", { name: "Full verification progress" })).toBeVisible();
  // The header renders from the last stored result while the verification runs.
  await expect(page.getByRole("banner").getByTestId("audit-badge")).toHaveText(/chain intact/);
  await page.screenshot({ path: shotPath("audit-job-running.png"), fullPage: true });

  // The page refreshes itself until the job is done.
  const result = page.getByTestId("verify-result");
  await expect(result).toHaveAttribute("data-status", "ok", { timeout: 240_000 });
  await expect(result).toHaveText(/Full verification finished at .* UTC: intact, [\d,]+ links checked\./);
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId("checkpoint")).toHaveText(/Last verified .* UTC: 20,\d{3} links up to link [\d,]+, head hash [0-9a-f]{64}/);
  await page.screenshot({ path: shotPath("audit-job-done.png"), fullPage: true });
  await context.close();
});
