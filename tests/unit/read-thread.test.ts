import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ReadThread } from "@/lib/db/sqlite/read-thread";
import { Prisma } from "@/lib/generated/prisma/client";

// The long reads' thread (lib/db/sqlite/read-thread.ts): the rows a statement gives on its own
// connection, its errors, and an event loop that keeps running while it reads.
const dir = mkdtempSync(path.join(os.tmpdir(), "read-thread-"));
const file = path.join(dir, "r.db");
const setup = new Database(file);
setup.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, project TEXT NOT NULL, note TEXT)");
const insert = setup.prepare("INSERT INTO t (project, note) VALUES (?, ?)");
setup.transaction(() => {
  for (let i = 0; i < 2_000; i++) insert.run(`p${i % 7}`, i % 3 === 0 ? null : `メモ ${i} مرحبا 🎉`);
})();
const thread = new ReadThread(file);
afterAll(async () => {
  await thread.close();
  setup.close();
  rmSync(dir, { recursive: true, force: true });
});

// Long enough on any machine for a timer of a few ms to come due many times over.
const SLOW = Prisma.sql`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${3_000_000}) SELECT count(*) AS n FROM c`;

/** How many times a 5 ms timer fired while `read` ran. */
async function ticksDuring<T>(read: () => Promise<T>): Promise<{ value: T; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    const value = await read();
    return { value, ticks };
  } finally {
    clearInterval(timer);
  }
}

describe("the read thread", () => {
  it("gives a statement's rows as its own connection reads them, with bound values", async () => {
    const query = Prisma.sql`SELECT project, count(*) AS n, count(note) AS notes, max(note) AS last FROM t WHERE project IN (${Prisma.join(["p1", "p3"])}) GROUP BY project ORDER BY project`;
    const rows = await thread.rows(query);
    expect(rows).toEqual(setup.prepare(query.sql).all(...query.values));
    expect(rows).toHaveLength(2);
  });

  it("leaves the event loop running while it reads, where the same statement inline holds it", async () => {
    const inline = await ticksDuring(async () => setup.prepare(SLOW.sql).get(...SLOW.values));
    expect(inline).toEqual({ value: { n: 3_000_000 }, ticks: 0 });
    const threaded = await ticksDuring(() => thread.rows(SLOW));
    expect(threaded.value).toEqual([{ n: 3_000_000 }]);
    expect(threaded.ticks).toBeGreaterThan(3);
  }, 30_000);

  it("rejects with the statement's error and goes on answering", async () => {
    await expect(thread.rows(Prisma.sql`SELECT * FROM missing`)).rejects.toThrow(/no such table: missing/);
    expect(await thread.rows(Prisma.sql`SELECT count(*) AS n FROM t`)).toEqual([{ n: 2_000 }]);
  });
});
