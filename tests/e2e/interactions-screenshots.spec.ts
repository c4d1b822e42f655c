import { expect, test } from "@playwright/test";
import { capture, insertAllAt, shoot, uid } from "./seed";

// Each page in both themes on a laptop and a phone, into tests/output/ to be looked at.

test("screenshots of the list, the detail page and the 404 page", async ({ page, request }) => {
  // Twelve full-page screenshots: on a machine busy with other builds they outlast the default 30 s.
  test.slow();
  const project = uid("atocore");
  const session = uid("session");
  const hour = 3_600_000;
  await insertAllAt(
    Array.from({ length: 30 }, (_, i) => ({
      created_at: Date.now() - (i * 7 + (i % 3)) * hour,
      prompt: `Earlier question ${i}: how does the ${["scheduler", "indexer", "gateway"][i % 3]} recover after a crash?`,
      response: i % 4 === 0 ? "" : `It replays the journal from the last checkpoint (${i}).`,
      response_summary: i % 4 === 1 ? "replays the journal" : "",
      project,
      client: ["claude-code", "openclaw", "manual"][i % 3],
      session_id: i % 2 ? session : "",
      memories_used: ["mem-1", "mem-2"].slice(0, i % 3),
    })),
  );
  const [id] = await capture(request, {
    prompt: "How do I rotate the API keys?\nWe deploy with the usual workers.",
    response: "Run `keys rotate`, then restart the workers.\nThe old keys stay valid for an hour.",
    response_summary: "keys rotate + restart workers",
    project,
    client: "claude-code",
    session_id: session,
    memories_used: ["mem-17", "mem-404"],
    chunks_used: ["doc-3#2"],
    context_pack: {
      query: "rotate API keys",
      memories: [
        { id: "mem-17", text: "Keys rotate monthly", score: 0.92 },
        { id: "mem-18", text: "Workers restart nightly", score: 0.41 },
      ],
      chunks: [
        { chunk_id: "doc-3#2", source: "runbook.md", text: "To rotate keys run keys rotate ..." },
        { chunk_id: "doc-7#1", source: "faq.md", text: "Billing questions go to ..." },
      ],
      budget: { tokens: 4096, used: 1380 },
    },
  });

  await page.goto(`/interactions?project=${project}&limit=25`);
  await expect(page.locator("tbody tr[data-id]")).toHaveCount(25);
  await shoot(page, "interactions-list");

  await page.goto(`/interactions?project=${project}&since=not-a-date`);
  await expect(page.getByTestId("filter-issues")).toBeVisible();
  await shoot(page, "interactions-list-invalid");

  await page.goto(`/interactions/${id}`);
  await page.getByTestId("context-pack").getByRole("button", { name: "Expand all" }).click();
  await shoot(page, "interaction-detail");

  await page.goto(`/interactions/${uid("missing")}`);
  await shoot(page, "interaction-404");
});
