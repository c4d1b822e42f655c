import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { SESSION_COOKIE } from "@/lib/auth/credentials";
import { startServer, type RunningServer } from "../helpers/server";

// The shared e2e database holds other tests' rows, so the empty state gets a server of its own.
let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test("an empty database shows a curl command that records a first interaction here", async ({ page }) => {
  // Signed in to this server, not the shared one: cookies are per host, not per port, and the
  // config sends the shared server's token as a header on every request.
  await page.context().clearCookies();
  await page.context().addCookies([{ name: SESSION_COOKIE, value: server.token, url: server.url }]);
  await page.setExtraHTTPHeaders({ authorization: `Bearer ${server.token}` });
  await page.goto(`${server.url}/interactions`);
  const empty = page.getByTestId("empty-database");
  await expect(empty).toContainText("No interactions recorded yet");
  const command = await empty.locator("pre").innerText();
  expect(command).toContain(`${server.url}/api/interactions`);

  await page.screenshot({ path: "tests/output/interactions-empty-light.png", fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: "tests/output/interactions-empty-dark.png", fullPage: true });

  // Ready to paste: run it as a shell would, then the list shows the new interaction.
  execFileSync("sh", ["-c", command], { env: { ...process.env, ATOCORE_TOKEN: server.token } });
  await page.reload();
  await expect(page.locator("tbody tr[data-id]")).toHaveCount(1);
});
