import { expect, test } from "@playwright/test";
import { SESSION_COOKIE } from "@/lib/auth/credentials";
import { tokenFor } from "../helpers/auth";
import { capture, shoot, uid } from "./seed";

// The viewer's redact action: a signed-in token with the redact scope picks a field or a pack
// item and gives a reason; the reason then stands where the content was, the pack holds its
// marker, and /audit lists the redaction while the chain stays intact.

const SECRET = "customer lives at 1-2-3 Roppongi 東京";

async function turn(request: Parameters<typeof capture>[0]) {
  const [id] = await capture(request, {
    prompt: `Ship it to ${SECRET}`,
    response: "Shipping label created.",
    project: uid("redact"),
    memories_used: ["mem-1"],
    context_pack: { memories: [{ id: "mem-1", text: "ship with tracking" }, { id: "mem-2", text: SECRET }] },
  });
  return id;
}

test("redacts the prompt and a pack item from the detail page, and shows the reason where the content was", async ({ page, request }) => {
  // Two redactions, four screenshots and the audit page: more than the default on a loaded machine.
  test.setTimeout(120_000);
  const id = await turn(request);
  await page.goto(`/interactions/${id}`);
  await expect(page.getByText(`Ship it to ${SECRET}`)).toBeVisible();
  const form = page.locator("#redactions form");
  await form.getByLabel("Redact").selectOption("/prompt");
  await form.getByLabel(/Reason/).fill("customer's home address");
  await form.getByRole("button", { name: "Redact" }).click();
  await expect(page.getByRole("status")).toHaveText("Redacted /prompt.");
  await expect(page.getByTestId("redacted-note")).toContainText("Redacted: customer's home address");
  await expect(page.getByText(`Ship it to ${SECRET}`)).toHaveCount(0);

  await expect(form.locator('option[value="/context_pack/memories/1"]')).toHaveCount(1);
  await form.getByLabel("Redact").selectOption("/context_pack/memories/1");
  await form.getByLabel(/Reason/).fill("address in memory");
  await form.getByRole("button", { name: "Redact" }).click();
  await expect(page.getByRole("status")).toHaveText("Redacted /context_pack/memories/1.");
  await expect(page.getByTestId("redactions").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("context-pack")).toContainText("address in memory");
  // A fresh load (the first one's inline payload stays in the DOM after the action's soft navigation).
  await page.reload();
  await expect(page.getByTestId("redacted-note")).toBeVisible();
  expect(await page.content()).not.toContain("1-2-3 Roppongi");
  await shoot(page, "redaction-detail");

  await page.goto("/audit");
  const listed = page.getByTestId("audit-redactions");
  await expect(listed).toContainText("/context_pack/memories/1");
  await expect(listed).toContainText("customer's home address");
  const verify = await request.get("/api/audit/verify");
  expect(await verify.json()).toMatchObject({ status: "ok", broken: null });
  await shoot(page, "redaction-audit", { fullPage: false });
});

test("offers no redact action to a token without the redact scope, but shows the reasons", async ({ browser, request, baseURL }) => {
  const id = await turn(request);
  const redacted = await request.post(`/api/interactions/${id}/redactions`, { data: { pointer: "/prompt", reason: "pasted by mistake" } });
  expect(redacted.status()).toBe(201);
  const reader = await tokenFor(process.env.E2E_DATABASE_URL!, ["read"], "reader");
  const context = await browser.newContext({
    extraHTTPHeaders: {},
    storageState: {
      cookies: [{ name: SESSION_COOKIE, value: reader, domain: new URL(baseURL!).hostname, path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Strict" }],
      origins: [],
    },
  });
  const page = await context.newPage();
  await page.goto(`/interactions/${id}`);
  await expect(page.getByTestId("redacted-note")).toContainText("Redacted: pasted by mistake");
  await expect(page.locator("#redactions form")).toHaveCount(0);
  await context.close();
});
