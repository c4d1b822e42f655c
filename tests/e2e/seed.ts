import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { insertItemUses, insertRows } from "../helpers/direct-rows";
import type { Capture } from "@/lib/client/types";
import { withDatabase } from "../helpers/open-db";

// Seeding helpers for the browser tests. Every test uses its own random values (other test
// files share the server's database), and filters the pages on them.

export function uid(prefix = "e2e"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

// The body a capture sends: the typed client's, which mirrors the API's capture schema.
export type { Capture } from "@/lib/client/types";

/** Records interactions through the API, in order, and returns their ids. */
export async function capture(request: APIRequestContext, ...bodies: Capture[]): Promise<string[]> {
  const ids: string[] = [];
  for (const body of bodies) {
    const res = await request.post("/api/interactions", { data: body });
    expect(res.status(), await res.text()).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

/** Writes a row with a chosen time (and its item uses) straight into the e2e server's database (the API stamps "now"). */
export async function insertAt(createdAt: number, row: Capture): Promise<string> {
  const [id] = await insertAllAt([{ ...row, created_at: createdAt }]);
  return id;
}

/** insertAt for many rows, over one connection. */
export async function insertAllAt(rows: (Capture & { created_at: number })[]): Promise<string[]> {
  const direct = rows.map(({ memories_used, chunks_used, context_pack, ...row }) => ({
    ...row,
    memories_used: JSON.stringify(memories_used ?? []),
    chunks_used: JSON.stringify(chunks_used ?? []),
    context_pack: JSON.stringify(context_pack ?? {}),
  }));
  return withDatabase(process.env.E2E_DATABASE_URL!, async (db) => {
    const seeded = await insertRows(db, direct);
    await insertItemUses(db, seeded, direct);
    return seeded.map((r) => r.id);
  });
}

/** Where a screenshot goes: tests/output/, or tests/output/postgres/ on the PostgreSQL pass. */
export function shotPath(file: string): string {
  return path.join(process.env.E2E_OUTPUT_DIR ?? "tests/output", file);
}

export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

/**
 * Screenshots in light and dark, on a laptop and a phone: `prepare` runs after each change of
 * scheme and size (to load or scroll a page for it); `fullPage: false` shoots the view only.
 */
export async function shoot(page: Page, name: string, { fullPage = true, prepare }: { fullPage?: boolean; prepare?: () => Promise<void> } = {}) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await prepare?.();
      await page.screenshot({ path: shotPath(`${name}-${device}-${colorScheme}.png`), fullPage });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(VIEWPORTS.desktop);
}
