import { expect, test } from "@playwright/test";
import { startServer, type RunningServer } from "../helpers/server";
import { shotPath } from "./seed";

// Failed sign-ins from one address are throttled (OWASP ASVS 2.2.1): on a server of its own
// with a limit of 2 a minute, so the shared server's other sign-in tests are not held back.
let server: RunningServer;
test.use({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: {} });
test.beforeAll(async () => {
  server = await startServer({ env: { AUTH_FAILURES_PER_MINUTE: "2" } });
});
test.afterAll(async () => {
  await server?.stop();
});

test("after too many failed sign-ins the form says to wait, and a valid token still signs in", async ({ page }) => {
  const signIn = async (token: string) => {
    // Each attempt on a freshly loaded form: a failed attempt's redirect re-renders the page,
    // and a click while that runs sent no POST at all (seen in CI traces, twice).
    await page.goto(`${server.url}/sign-in?next=/interactions`, { waitUntil: "networkidle" });
    await page.getByLabel("Token").fill(token);
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Sign in" }).click()]);
  };
  for (let i = 0; i < 2; i++) {
    await signIn(`ato_wrong-${i}`);
    await expect(page.getByText("That token is not valid")).toBeVisible();
  }
  await signIn("ato_wrong-again");
  await expect(page.getByText("Too many failed sign-ins from this address. Wait a minute, then try again.")).toBeVisible();
  await page.screenshot({ path: shotPath("sign-in-throttled.png"), fullPage: true });

  await signIn(server.token);
  await expect(page).toHaveURL(`${server.url}/interactions`);
});
