import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { insertItemUses, insertRows } from "../helpers/direct-rows";
import { withDatabase } from "../helpers/open-db";
import { bigPackRow, realisticSession } from "../helpers/realistic-session";
import { insertAllAt, uid } from "./seed";

// axe-core's WCAG 2.1 A/AA rules on every page, in light and dark, on realistic data: a
// session of realistic turns (~40 KB packs of dozens of items, Japanese, Arabic, emoji), a
// 3 MB pack, and a list spanning weeks. A page is one line of PAGES: a name, its URL (made
// once the data exists) and whether it is seen signed out.
type PageCase = { name: string; url: () => string; signedOut?: boolean; ready?: (page: Page) => Promise<void> };

const sessionId = uid("a11y");
const project = uid("a11y-proj");
const ids: { turn: string; big: string; memory: string; chunk: string } = { turn: "", big: "", memory: "", chunk: "" };
const DAY = 86_400_000;

export const PAGES: PageCase[] = [
  { name: "interactions list", url: () => `/interactions?project=${project}` },
  { name: "interactions list, all projects", url: () => "/interactions" },
  { name: "empty list (no match)", url: () => `/interactions?project=${uid("none")}` },
  { name: "interaction detail with pack diff", url: () => `/interactions/${ids.turn}`, ready: (p) => expect(p.getByRole("heading", { name: /Context pack changes/ })).toBeVisible() },
  { name: "interaction detail, 3 MB pack", url: () => `/interactions/${ids.big}`, ready: (p) => expect(p.getByTestId("pack-size")).toContainText("3,000 items") },
  { name: "sessions list", url: () => `/sessions?project=${project}` },
  { name: "session transcript", url: () => `/sessions/${encodeURIComponent(sessionId)}` },
  { name: "memory page", url: () => `/memories/${encodeURIComponent(ids.memory)}` },
  { name: "chunk page", url: () => `/chunks/${encodeURIComponent(ids.chunk)}` },
  { name: "audit", url: () => "/audit" },
  { name: "memories list", url: () => `/memories?project=${project}` },
  { name: "chunks list", url: () => "/chunks" },
  { name: "review queue", url: () => `/review?project=${project}` },
  { name: "interaction not found", url: () => `/interactions/${uid("missing")}` },
  { name: "session not found", url: () => `/sessions/${uid("missing")}` },
  { name: "page not found", url: () => `/${uid("nowhere")}` },
  { name: "sign-in", url: () => "/sign-in", signedOut: true },
];

/** The serious and critical violations of WCAG 2.1 A/AA on the page, one readable line per node. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join(" ") ?? ""}`));
}

test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const start = Date.now() - 30 * DAY;
  const rows = realisticSession({ sessionId, turns: 30, start, seed: 11, project, client: "claude-code" });
  rows.push(bigPackRow(sessionId, start + 31 * 20_000));
  // Turns of other sessions spread over weeks, in several scripts, so the list has pages and times.
  const spread = Array.from({ length: 120 }, (_, i) => ({
    created_at: start + i * (DAY / 5),
    prompt: [`デプロイ手順 ${i} を確認`, `كيف أعيد النشر ${i}؟`, `🚀 deploy ${i} 😭`, `rotate the keys ${i}`][i % 4],
    project,
    client: i % 3 ? "openclaw" : "manual",
    session_id: `${sessionId}-other-${i % 6}`,
  }));
  const stored = await withDatabase(process.env.E2E_DATABASE_URL!, async (db) => {
    const seeded = await insertRows(db, rows);
    await insertItemUses(db, seeded, rows);
    return seeded;
  });
  await insertAllAt(spread);
  ids.turn = stored[4].id;
  ids.big = stored.at(-1)!.id;
  ids.memory = (JSON.parse(rows[4].memories_used as string) as string[])[0];
  ids.chunk = (JSON.parse(rows[4].chunks_used as string) as string[])[0];
});

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} scheme`, () => {
    test.use({ colorScheme });
    for (const p of PAGES) {
      test.describe(() => {
        if (p.signedOut) test.use({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: {} });
        test(`${p.name}: no serious or critical WCAG 2.1 A/AA violation`, async ({ page }) => {
          await page.goto(p.url());
          await expect(page.locator("main")).toBeVisible();
          await p.ready?.(page);
          expect(await seriousViolations(page)).toEqual([]);
        });
      });
    }
  });
}
