import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { shotPath } from "./seed";

test("the list's export links download exactly the filtered interactions", async ({ page, request }) => {
  const project = `export-${Date.now()}`;
  const prompts = ["=1+1 first", "second, with a comma"];
  for (const prompt of prompts) expect((await request.post("/api/interactions", { data: { prompt, project } })).status()).toBe(201);
  await request.post("/api/interactions", { data: { prompt: "another project", project: `${project}-other` } });

  await page.goto(`/interactions?project=${project}`);
  const exportGroup = page.getByRole("group", { name: "Export the filtered interactions" });
  await expect(exportGroup).toBeVisible();

  const [jsonl] = await Promise.all([page.waitForEvent("download"), exportGroup.getByRole("link", { name: "JSONL" }).click()]);
  expect(jsonl.suggestedFilename()).toMatch(new RegExp(`^atocore-audit-${project}-\\d{8}T\\d{6}Z\\.jsonl$`));
  const records = readFileSync((await jsonl.path())!, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
  expect(records.map((r) => r.prompt)).toEqual([...prompts].reverse());

  const [csv] = await Promise.all([page.waitForEvent("download"), exportGroup.getByRole("link", { name: "CSV" }).click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const text = readFileSync((await csv.path())!, "utf8");
  expect(text).toContain(`'=1+1 first`);
  expect(text).toContain(`"second, with a comma"`);
  expect(text).not.toContain("another project");

  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844 }]] as const) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: shotPath(`export-${colorScheme}-${name}.png`) });
    }
  }
});
