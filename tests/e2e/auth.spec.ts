import { expect, test, type Page } from "@playwright/test";
import { SESSION_COOKIE } from "@/lib/auth/credentials";
import { tokenFor } from "../helpers/auth";
import { shotPath } from "./seed";

// The viewer's sign-in, as a person uses it: an anonymous browser is sent to /sign-in,
// a read token sets an httpOnly SameSite=Strict cookie, sign-out forgets it.
const databaseUrl = () => process.env.E2E_DATABASE_URL!;

test.describe("signing in and out", () => {
  test.use({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: {} });

  test("an anonymous visitor is sent to sign in, and comes back signed in with a read token", async ({ page, context }) => {
    await page.goto("/interactions?project=demo");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Finteractions%3Fproject%3Ddemo$/);

    await page.getByLabel("Token").fill("ato_wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That token is not valid")).toBeVisible();

    await page.getByLabel("Token").fill(await tokenFor(databaseUrl(), ["capture"]));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("That token has no read scope")).toBeVisible();
    expect(await context.cookies()).toEqual([]);

    await page.getByLabel("Token").fill(await tokenFor(databaseUrl(), ["read"]));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/interactions\?project=demo$/);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: SESSION_COOKIE, httpOnly: true, sameSite: "Strict", secure: false });
    // Script cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);

    await page.screenshot({ path: shotPath("signed-in-light-desktop.png") });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    expect(await context.cookies()).toEqual([]);
    await page.goto("/interactions");
    await expect(page).toHaveURL(/\/sign-in\?next=/);
  });

  test("a next address that a browser would resolve to another site lands on this one", async ({ page, baseURL }) => {
    const token = await tokenFor(databaseUrl(), ["read"]);
    for (const next of ["/%09/example.org", "/.//example.org", "/%2e%2e//example.org"]) {
      await page.goto(`/sign-in?next=${next}`);
      await page.getByLabel("Token").fill(token);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(`${baseURL}/interactions`);
      await page.context().clearCookies();
    }
  });

  test("API routes refuse an anonymous request with the JSON envelope", async ({ request }) => {
    const res = await request.get("/api/interactions");
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  test("the sign-in page, light and dark, desktop and phone", async ({ browser }) => {
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [label, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
        const context = await browser.newContext({ colorScheme, viewport, storageState: { cookies: [], origins: [] } });
        const page = await context.newPage();
        await page.goto("/sign-in?error=invalid");
        await expect(page.getByText("That token is not valid")).toBeVisible();
        await page.screenshot({ path: shotPath(`sign-in-${colorScheme}-${label}.png`), fullPage: true });
        await context.close();
      }
    }
  });
});

async function cspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test.describe("safe pages", () => {
  test("every script carries this response's nonce, the app still hydrates, and nothing breaks the CSP", async ({ page }) => {
    const violations = await cspViolations(page);
    const response = await page.goto("/interactions");
    const csp = response!.headers()["content-security-policy"];
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const scriptNonces = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    // Next.js's client runtime ran (it is what the CSP would block first).
    await page.waitForFunction(() => !!(window as unknown as { next?: { version?: string } }).next?.version);
    expect(violations).toEqual([]);
  });

  test("hostile text in every field and in filter values shows literally and never runs", async ({ page, request }) => {
    const hostile = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>${Date.now()}`;
    let dialogs = 0;
    page.on("dialog", (d) => {
      dialogs++;
      void d.dismiss();
    });
    const res = await request.post("/api/interactions", {
      data: { prompt: hostile, response: hostile, project: hostile, client: hostile, session_id: hostile, memories_used: [hostile], context_pack: { [hostile]: hostile } },
    });
    expect(res.status()).toBe(201);
    for (const path of ["/interactions", `/interactions?project=${encodeURIComponent(hostile)}`, `/interactions?since=${encodeURIComponent(hostile)}`]) {
      await page.goto(path);
      expect(await page.locator("img[src=x]").count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    }
    await page.goto("/interactions");
    // In the table (the filter dropdowns hold it too, as hidden options).
    await expect(page.locator("main table").getByText(hostile).first()).toBeVisible();
    expect(dialogs).toBe(0);
  });

  test("security headers are on pages, API answers, errors and static files", async ({ page, request }) => {
    await page.goto("/interactions");
    const stylesheet = await page.locator("link[rel=stylesheet]").first().getAttribute("href");
    for (const path of ["/interactions", "/sign-in", "/api/interactions", "/api/health", "/api/nope", "/no-such-page", stylesheet!]) {
      const res = await request.get(path);
      const h = res.headers();
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["referrer-policy"], path).toBe("same-origin");
      expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    }
  });
});
