import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { toInteractionRecord, type InteractionRow } from "@/lib/interactions/row";

// The list's hottest read measured in-process, three ways on the same seeded file and in the
// same run, to show what each layer costs without the framework and the network around it:
//  - Prisma findMany (what findInteractions runs) + records + JSON.stringify (what the API does);
//  - a prepared better-sqlite3 statement on a read-only connection + records + JSON.stringify;
//  - the same statement with the stored context_pack text spliced into the answer unparsed.

export type ReadPathTimes = Record<"prisma" | "prepared" | "prepared + splice", { p50: number; p95: number }>;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function time(n: number, f: () => unknown): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i++) await f();
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    ts.push(performance.now() - t);
  }
  ts.sort((a, b) => a - b);
  return { p50: pct(ts, 50), p95: pct(ts, 95) };
}

/** A 51-row page (50 and the one that tells whether more exist) of one project, `n` times each way. */
export async function readPaths(file: string, project: string, n: number): Promise<ReadPathTimes> {
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }, { timestampFormat: "unixepoch-ms" }) });
  const db = new Database(file, { readonly: true });
  const page = db.prepare<[string, number], InteractionRow>(
    "SELECT * FROM interactions WHERE project = ? ORDER BY created_at DESC, seq DESC LIMIT ?",
  );
  const spliced = (row: InteractionRow) => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { context_pack, ...rest } = toInteractionRecord({ ...row, context_pack: null });
    return `${JSON.stringify(rest).slice(0, -1)},"context_pack":${row.context_pack ?? "{}"}}`;
  };
  try {
    const prisma = await time(n, async () => {
      const rows = await client.interaction.findMany({ where: { project }, orderBy: [{ created_at: "desc" }, { seq: "desc" }], take: 51 });
      return JSON.stringify({ interactions: rows.map(toInteractionRecord) });
    });
    const prepared = await time(n, () => JSON.stringify({ interactions: page.all(project, 51).map(toInteractionRecord) }));
    const splice = await time(n, () => `{"interactions":[${page.all(project, 51).map(spliced).join(",")}]}`);
    return { prisma, prepared, "prepared + splice": splice };
  } finally {
    db.close();
    await client.$disconnect();
  }
}
