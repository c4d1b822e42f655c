import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { startServer, type RunningServer } from "../helpers/server";
import { shotPath } from "./seed";

// The shared e2e database holds other tests' rows, so the empty state gets a server of its own,
// read with that server's own token rather than the shared server's cookie.
let server: RunningServer;
test.use({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: {} });
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test("an empty database shows a curl command that records a first interaction here", async ({ page }) => {
  await page.setExtraHTTPHeaders(server.headers);
  await page.goto(`${server.url}/interactions`);
  const empty = page.getByTestId("empty-database");
  await expect(empty).toContainText("No interactions recorded yet");
  const command = await empty.locator("pre").innerText();
  expect(command).toContain(`${server.url}/api/interactions`);
  await expect(empty.getByTestId("demo-hint")).toContainText("npm run demo");

  await page.screenshot({ path: shotPath("interactions-empty-light.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: shotPath("interactions-empty-dark.png"), fullPage: true });

  // Ready to paste: run it as a shell would, then the list shows the new interaction.
  execFileSync("sh", ["-c", command], { env: { ...process.env, ATOCORE_AUDIT_TOKEN: server.token } });
  await page.reload();
  await expect(page.locator("tbody tr[data-id]")).toHaveCount(1);
});
