import { expect, test } from "@playwright/test";
import { Prisma } from "@/lib/generated/prisma/client";
import { withDatabase } from "../helpers/open-db";
import { startServer, type RunningServer } from "../helpers/server";
import { createTestDatabase, postgresAdminUrl, testDatabaseKind, type TestDatabase } from "../helpers/test-database";
import { shotPath } from "./seed";

// A page whose database fails after the sign-in check shows the app's error page
// (app/error.tsx) with the layout around it, never a bare "Internal Server Error". The lists
// stream (their loading.tsx), so their status is sent before they fail. A server of
// its own, since the tests break its database.
test.use({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: {} });
test.describe.configure({ mode: "serial", timeout: 120_000 });

const LIST_PAGES = ["/interactions", "/sessions"];

async function expectErrorPage(page: import("@playwright/test").Page, path: string, heading: RegExp) {
  // The status is sent with the lists' loading state, before the page fails: the page says it.
  await page.goto(path);
  // The error reaches the page in the stream; the browser renders the error page once hydrated.
  await expect(page.getByRole("heading", { name: heading })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("link", { name: "Sessions" })).toBeVisible();
  expect(await page.content()).not.toMatch(/^Internal Server Error$/m);
}

test.describe("tables that cannot be read, the token check passing", () => {
  let database: TestDatabase;
  let server: RunningServer;
  // The tables the list pages read are renamed away: the token check (api_tokens) still
  // answers, the pages' queries fail. The same on SQLite and PostgreSQL.
  const rename = (from: string, to: string) => withDatabase(database.url, (db) => db.exec(`ALTER TABLE ${from} RENAME TO ${to}`));

  test.beforeAll(async () => {
    database = await createTestDatabase("pagefail");
    server = await startServer({ databaseUrl: database.url });
  });
  test.afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  test("the list pages show the error page, and serve again once the tables are back", async ({ page }) => {
    await page.setExtraHTTPHeaders(server.headers);
    for (const path of LIST_PAGES) expect((await page.goto(`${server.url}${path}`))!.status()).toBe(200);
    await rename("interactions", "interactions_away");
    await rename("sessions", "sessions_away");
    try {
      for (const path of LIST_PAGES) await expectErrorPage(page, `${server.url}${path}`, /could not be shown|database is unavailable/);
      await page.screenshot({ path: shotPath("error-page-light.png"), fullPage: true });
      await page.emulateMedia({ colorScheme: "dark" });
      await page.screenshot({ path: shotPath("error-page-dark.png"), fullPage: true });
    } finally {
      await rename("interactions_away", "interactions");
      await rename("sessions_away", "sessions");
    }
    for (const path of LIST_PAGES) expect((await page.goto(`${server.url}${path}`))!.status()).toBe(200);
  });
});

// PostgreSQL can be stopped from reaching; a server with AUTH_DISABLED has no sign-in check
// before the page, so the page itself meets the outage.
test.describe("PostgreSQL refusing connections", () => {
  test.skip(testDatabaseKind() !== "postgres", "an outage of the SQLite file, opened once and kept open, cannot be played");
  let database: TestDatabase;
  let server: RunningServer;
  const connections = (allow: boolean) =>
    withDatabase(postgresAdminUrl(), async (db) => {
      const name = new URL(database.url).pathname.slice(1);
      await db.exec(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS ${allow}`);
      if (!allow) await db.all(Prisma.sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${name}`);
    });

  test.beforeAll(async () => {
    database = await createTestDatabase("pagedown");
    server = await startServer({ databaseUrl: database.url, env: { AUTH_DISABLED: "1" } });
  });
  test.afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  test("the list pages say the database is unavailable, then serve again", async ({ page }) => {
    await connections(false);
    try {
      for (const path of LIST_PAGES) await expectErrorPage(page, `${server.url}${path}`, /database is unavailable/);
    } finally {
      await connections(true);
    }
    await expect.poll(async () => (await page.goto(`${server.url}/interactions`))!.status(), { timeout: 30_000 }).toBe(200);
  });
});
