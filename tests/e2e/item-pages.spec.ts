import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";

// The memory and chunk pages read their URL like the lists do: a parameter that does not
// parse is dropped and named, the other filters still apply, and paging keeps them.
const uid = (p: string) => `${p}-${randomUUID().slice(0, 8)}`;

async function capture(request: APIRequestContext, data: Record<string, unknown>) {
  const res = await request.post("/api/interactions", { data });
  expect(res.status()).toBe(201);
}

test("a bad parameter on a memory page keeps the other filters and is named", async ({ page, request }) => {
  const mem = uid("mem");
  const [a, b] = [uid("proj"), uid("proj")];
  for (const [prompt, project] of [["first in a", a], ["in b", b], ["second in a", a], ["third in a", a]] as const) {
    await capture(request, { prompt, project, memories_used: [mem] });
  }
  await page.goto(`/memories/${mem}?project=${a}&since=last+tuesday&limit=2`);
  const issues = page.getByTestId("filter-issues");
  await expect(issues).toContainText("since");
  await expect(issues).toContainText("not a valid time");
  await expect(page.getByTestId("item-filters")).toHaveText(new RegExp(`project = ${a}`));
  const uses = page.getByRole("link", { name: /in a$/ });
  await expect(uses).toHaveText(["third in a", "second in a"]);
  await expect(page.getByRole("link", { name: "in b" })).toHaveCount(0);

  // Older keeps the project and page size, drops the ignored parameter.
  const older = page.getByRole("link", { name: "older →" });
  await expect(older).toHaveAttribute("href", new RegExp(`^/memories/${mem}\\?project=${a}&limit=2&cursor=`));
  await older.click();
  await expect(page.getByRole("link", { name: /in a$/ })).toHaveText(["first in a"]);
  await expect(page.getByTestId("filter-issues")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "← newest" })).toHaveAttribute("href", `/memories/${mem}?project=${a}&limit=2`);
});

test("a chunk page ignores a search and a bad cursor, naming both, and keeps the client filter", async ({ page, request }) => {
  const chunk = `${uid("doc")}#2`;
  const client = uid("client");
  await capture(request, { prompt: "kept", client, chunks_used: [chunk] });
  await capture(request, { prompt: "other client", client: uid("client"), chunks_used: [chunk] });
  await page.goto(`/chunks/${encodeURIComponent(chunk)}?client=${client}&q=rotate&cursor=%25%25`);
  const issues = page.getByTestId("filter-issues");
  await expect(issues.getByRole("listitem")).toHaveCount(2);
  await expect(issues).toContainText("search is not available on this page");
  await expect(issues).toContainText("cursor");
  await expect(page.getByRole("link", { name: "kept" })).toBeVisible();
  await expect(page.getByRole("link", { name: "other client" })).toHaveCount(0);
  await expect(page.getByTestId("use-count")).toHaveText("2 interactions");
});
