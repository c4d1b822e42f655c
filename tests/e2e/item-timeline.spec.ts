import { expect, test } from "@playwright/test";
import { insertAllAt, shoot, uid } from "./seed";

// The memory page's sessions timeline spans the sessions it shows: five sessions a week
// apart spread across the track, even when the memory was also used a year earlier outside
// any session (which once stretched the axis and crammed every bar into the right edge).
const DAY = 86_400_000;
// Screenshots in four variants outlast 30 s on a busy machine.
test.describe.configure({ timeout: 120_000 });

test("the sessions timeline spreads sessions weeks apart across its width", async ({ page }) => {
  const mem = uid("mem-timeline");
  const start = Date.UTC(2026, 8, 1);
  await insertAllAt([
    { created_at: start - 365 * DAY, prompt: "a year earlier, no session", memories_used: [mem] },
    ...Array.from({ length: 5 }, (_, w) => ({
      created_at: start + w * 7 * DAY,
      prompt: `week ${w} 🚀 デプロイ`,
      session_id: `${mem}-week-${w}`,
      memories_used: [mem],
    })),
  ]);
  await page.goto(`/memories/${mem}`);
  const bars = page.getByTestId("session-bar");
  await expect(bars).toHaveCount(5);
  const track = (await bars.first().locator("..").boundingBox())!;
  // Newest first: week 4 at the right end, week 0 at the left end, the others between in order.
  const lefts = await bars.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().left));
  const at = lefts.map((x) => (x - track.x) / track.width);
  expect(at[4]).toBeLessThan(0.05);
  expect(at[0]).toBeGreaterThan(0.9);
  for (let i = 1; i < at.length; i++) expect(at[i]).toBeLessThan(at[i - 1]);
  expect(at[2]).toBeGreaterThan(0.4);
  expect(at[2]).toBeLessThan(0.6);
  // Every bar stays inside the track.
  for (const box of await bars.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(track.x + track.width + 0.5);
  await expect(page.getByTestId("timeline-axis").locator("time")).toHaveText(["2026-09-01 00:00:00 UTC", "2026-09-29 00:00:00 UTC"]);
  await shoot(page, "item-timeline");
});
