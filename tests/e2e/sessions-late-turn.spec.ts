import { expect, test } from "@playwright/test";
import { capture, shoot, uid } from "./seed";

// A turn spooled while the server was down arrives after turns that happened later: the
// transcript places it where it happened and says how much later it arrived.
test("a late-arriving turn sits where it happened and says when it arrived", async ({ page, request }) => {
  const session_id = uid("late");
  const now = Date.now();
  const at = (hoursAgo: number) => new Date(now - hoursAgo * 3_600_000).toISOString();
  const turn = (prompt: string, hoursAgo: number, memory: string) => ({
    prompt,
    response: `answer to ${prompt}`,
    session_id,
    client: "claude-code",
    occurred_at: at(hoursAgo),
    memories_used: [memory],
    context_pack: { memories: [{ id: memory, text: `memory ${memory}` }] },
  });
  // Arrival order: one, three, then two (spooled three hours ago), then four (says no time).
  await capture(
    request,
    turn("Turn one: where is the config?", 4, "m1"),
    turn("Turn three: run the tests", 1, "m3"),
    turn("Turn two: 設定を読み込む (spooled offline)", 3, "m2"),
    { prompt: "Turn four: ship it", session_id, client: "claude-code" },
  );

  await page.goto(`/sessions/${session_id}`);
  const turns = page.locator("article[data-turn]");
  await expect(turns).toHaveCount(4);
  const prompts = ["Turn one: where is the config?", "Turn two: 設定を読み込む (spooled offline)", "Turn three: run the tests", "Turn four: ship it"];
  for (const [i, prompt] of prompts.entries()) {
    await expect(turns.nth(i)).toHaveAttribute("data-turn", String(i + 1));
    await expect(turns.nth(i).getByText(prompt, { exact: true })).toBeVisible();
  }
  // Each turn with an occurred_at arrived later than it happened; the spooled one by ~3 h.
  await expect(turns.nth(1).getByTestId("arrived-late")).toHaveText("arrived 3 h later");
  await expect(turns.nth(0).getByTestId("arrived-late")).toHaveText("arrived 4 h later");
  await expect(turns.nth(3).getByTestId("arrived-late")).toHaveCount(0);
  // The gap to the previous turn is measured between when they happened.
  await expect(turns.nth(1)).toContainText("+1 h after the previous turn");
  await shoot(page, "session-late-turn");
});
