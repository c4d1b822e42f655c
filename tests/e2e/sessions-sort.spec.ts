import { expect, test } from "@playwright/test";
import { shoot, uid } from "./seed";

// /sessions: the first prompt of each session, the match count, the Session filter as an id
// prefix, and the orders (last activity, turns, span), each both ways.

test("lists sessions with their first prompt and count, filtered by id prefix, in each order", async ({ page, request }) => {
  test.setTimeout(120_000);
  const prefix = uid("sort");
  const sessions = [
    { id: `${prefix}-a`, prompts: ["مرحبا، أين النسخ الاحتياطية؟", "later"] },
    { id: `${prefix}-b`, prompts: ["東京のサーバーはいつ再起動しますか？ ".repeat(12), "2", "3", "4"] },
    { id: `${prefix}-c`, prompts: ["Short one 🚀"] },
  ];
  for (const s of sessions) {
    for (const prompt of s.prompts) {
      const res = await request.post("/api/interactions", { data: { prompt, session_id: s.id, project: "e2e-sort" } });
      expect(res.status()).toBe(201);
    }
  }
  await request.post("/api/interactions", { data: { prompt: "other", session_id: uid("other") } });

  await page.goto(`/sessions?session_id=${prefix}`);
  await expect(page.getByTestId("session-count")).toHaveText("3 sessions");
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(3);
  // Last active first: c, b, a.
  await expect(rows.nth(0)).toHaveAttribute("data-session-id", `${prefix}-c`);
  const arabic = rows.nth(2).getByTestId("first-prompt");
  await expect(arabic).toHaveText("مرحبا، أين النسخ الاحتياطية؟");
  await expect(arabic).toHaveAttribute("dir", "auto");
  // A long first prompt is cut (the cell truncates it further on narrow screens).
  await expect(rows.nth(1).getByTestId("first-prompt")).toHaveText(/…$/);

  await page.getByTestId("sort-turns").click();
  await expect(page).toHaveURL(/sort=turns/);
  await expect(page.getByTestId("sort-turns")).toHaveText("Turns ↓");
  await expect(rows.nth(0)).toHaveAttribute("data-session-id", `${prefix}-b`);
  await expect(rows.nth(2)).toHaveAttribute("data-session-id", `${prefix}-c`);
  await page.getByTestId("sort-turns").click();
  await expect(page).toHaveURL(/order=asc/);
  await expect(rows.nth(0)).toHaveAttribute("data-session-id", `${prefix}-c`);
  await shoot(page, "sessions-sorted");

  // The prefix of one id lists just that session.
  await page.goto(`/sessions?session_id=${prefix}-a`);
  await expect(page.getByTestId("session-count")).toHaveText("1 session");
  await expect(rows).toHaveCount(1);
});
