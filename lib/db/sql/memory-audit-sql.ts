import type { DatabaseKind } from "@/lib/db/database-kind";
import { instantParam } from "@/lib/db/dialect";
import type { MemoryAuditStore, VersionInteraction } from "@/lib/db/contract/memory-audit";
import type { Reads } from "@/lib/db/contract/reads";
import { Prisma } from "@/lib/generated/prisma/client";
import { createdAtMs } from "@/lib/interactions/row";
import {
  encodeItemCursor,
  isSliceQuery,
  MAX_VERSIONS_SHOWN,
  type ItemFigures,
  type ItemKind,
  type ItemListQuery,
  type ItemSort,
  type ReportKind,
  type ReportRow,
} from "@/lib/memory-audit/schema";

// The memory audit's reads, one SQL text per dialect where they differ (a float division, time
// parameters). lib/db/sqlite/memory-audit.ts and lib/db/postgres/memory-audit.ts bind it.
//
// An unfiltered list reads item_stats through its (kind, <sort>, item_id) index: a page is an
// index range whatever the number of items. A list filtered by project, client or time sums
// item_sightings over the matching rows ((kind, project|client|created_at) indexes), so its
// cost grows with the sightings in that slice, not with the whole table.

type Time = Date | number | bigint;
type FigureRow = {
  item_id: string;
  offered: number;
  used: number;
  used_unoffered: number;
  use_rate: number;
  first_seen: Time;
  last_seen: Time;
  versions: number;
};

const iso = (v: Time) => new Date(createdAtMs(v)).toISOString();

function toFigures(r: FigureRow, projects: string[]): ItemFigures {
  const offered = Number(r.offered);
  return {
    id: r.item_id,
    offered,
    used: Number(r.used),
    use_rate: offered === 0 ? null : Number(r.use_rate),
    used_unoffered: Number(r.used_unoffered),
    first_seen: iso(r.first_seen),
    last_seen: iso(r.last_seen),
    projects,
    versions: Number(r.versions),
  };
}

/** The sort value a cursor carries: last_seen as epoch ms, the others as they are. */
function sortValue(r: FigureRow, sort: ItemSort): number {
  return sort === "last_seen" ? createdAtMs(r.last_seen) : Number(r[sort]);
}

/**
 * `readSlice` runs the filtered lists' sums, whose work grows with the slice they match: SQLite
 * runs them off the event loop (lib/db/sqlite/read-thread.ts).
 */
export function memoryAuditSql(dialect: DatabaseKind, readRows: Reads["rows"], readSlice: Reads["rows"] = readRows): MemoryAuditStore {
  const at = (ms: number) => instantParam(ms, dialect);
  const ratio = (used: Prisma.Sql, offered: Prisma.Sql) =>
    dialect === "postgres" ? Prisma.sql`(${used})::float8 / (${offered})` : Prisma.sql`(${used}) * 1.0 / (${offered})`;
  const cursorValue = (sort: ItemSort, value: number) => (sort === "last_seen" ? at(value) : value);

  async function projectsOf(kind: ItemKind, ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    const rows = await readRows<{ item_id: string; project: string }>(Prisma.sql`
      SELECT item_id, project FROM item_projects
      WHERE kind = ${kind} AND item_id IN (${Prisma.join(ids)}) ORDER BY item_id, project`);
    for (const r of rows) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r.project]);
    return out;
  }

  function listSql(kind: ItemKind, q: ItemListQuery): Prisma.Sql {
    const col = Prisma.raw(q.sort);
    if (!isSliceQuery(q)) {
      const conds = [Prisma.sql`kind = ${kind}`];
      if (q.min_versions > 0) conds.push(Prisma.sql`versions >= ${q.min_versions}`);
      if (q.cursor) {
        const v = cursorValue(q.sort, q.cursor.value);
        conds.push(Prisma.sql`(${col} < ${v} OR (${col} = ${v} AND item_id < ${q.cursor.id}))`);
      }
      return Prisma.sql`
        SELECT item_id, offered, used, used_unoffered, use_rate, first_seen, last_seen, versions
        FROM item_stats WHERE ${Prisma.join(conds, " AND ")}
        ORDER BY ${col} DESC, item_id DESC LIMIT ${q.limit + 1}`;
    }
    const conds = [Prisma.sql`kind = ${kind}`];
    if (q.project !== undefined) conds.push(Prisma.sql`project = ${q.project}`);
    if (q.client !== undefined) conds.push(Prisma.sql`client = ${q.client}`);
    if (q.since !== undefined) conds.push(Prisma.sql`created_at >= ${at(q.since)}`);
    if (q.until !== undefined) conds.push(Prisma.sql`created_at < ${at(q.until)}`);
    const having = [Prisma.sql`count(DISTINCT version_id) >= ${q.min_versions}`];
    const aggregate: Record<ItemSort, Prisma.Sql> = {
      offered: Prisma.sql`sum(offered)`,
      used: Prisma.sql`sum(used)`,
      use_rate: Prisma.sql`CASE WHEN sum(offered) = 0 THEN -1 ELSE ${ratio(Prisma.sql`sum(used)`, Prisma.sql`sum(offered)`)} END`,
      last_seen: Prisma.sql`max(created_at)`,
      versions: Prisma.sql`count(DISTINCT version_id)`,
    };
    if (q.cursor) {
      const v = cursorValue(q.sort, q.cursor.value);
      const agg = aggregate[q.sort];
      having.push(Prisma.sql`(${agg} < ${v} OR (${agg} = ${v} AND item_id < ${q.cursor.id}))`);
    }
    return Prisma.sql`
      SELECT item_id, sum(offered) AS offered, sum(used) AS used, sum(used * (1 - offered)) AS used_unoffered,
             ${aggregate.use_rate} AS use_rate, min(created_at) AS first_seen, max(created_at) AS last_seen,
             count(DISTINCT version_id) AS versions
      FROM item_sightings WHERE ${Prisma.join(conds, " AND ")}
      GROUP BY item_id HAVING ${Prisma.join(having, " AND ")}
      ORDER BY ${aggregate[q.sort]} DESC, item_id DESC LIMIT ${q.limit + 1}`;
  }

  return {
    async listItems(kind, q) {
      if (q.limit === 0) return { items: [], next_cursor: null };
      const rows = await (isSliceQuery(q) ? readSlice : readRows)<FigureRow>(listSql(kind, q));
      const page = rows.slice(0, q.limit);
      const projects = await projectsOf(kind, page.map((r) => r.item_id));
      const last = page.at(-1);
      return {
        items: page.map((r) => toFigures(r, projects.get(r.item_id) ?? [])),
        next_cursor: rows.length > q.limit && last ? encodeItemCursor({ value: sortValue(last, q.sort), id: last.item_id }) : null,
      };
    },

    async getItem(kind, itemId) {
      const [row] = await readRows<FigureRow>(Prisma.sql`
        SELECT item_id, offered, used, used_unoffered, use_rate, first_seen, last_seen, versions
        FROM item_stats WHERE kind = ${kind} AND item_id = ${itemId}`);
      if (!row) return null;
      const versions = await readRows<{ id: number; content: string; first_seen: Time; last_seen: Time; interactions: number }>(Prisma.sql`
        SELECT id, content, first_seen, last_seen, interactions FROM item_versions
        WHERE kind = ${kind} AND item_id = ${itemId} ORDER BY first_seen DESC, id DESC LIMIT ${MAX_VERSIONS_SHOWN}`);
      const { versions: count, ...figures } = toFigures(row, (await projectsOf(kind, [itemId])).get(itemId) ?? []);
      return {
        ...figures,
        version_count: count,
        versions: versions.reverse().map((v) => ({
          id: Number(v.id),
          content: v.content,
          first_seen: iso(v.first_seen),
          last_seen: iso(v.last_seen),
          interactions: Number(v.interactions),
        })),
      };
    },

    async versionInteractions(versionId, limit) {
      const rows = await readRows<Omit<VersionInteraction, "created_at"> & { created_at: Time }>(Prisma.sql`
        SELECT i.id, i.created_at, i.project, i.client, i.session_id
        FROM item_sightings s JOIN interactions i ON i.seq = s.interaction_seq
        WHERE s.version_id = ${versionId}
        ORDER BY s.created_at DESC, s.interaction_seq DESC LIMIT ${limit}`);
      return rows.map((r) => ({ ...r, created_at: iso(r.created_at) }));
    },

    async reportBatch(kind, report: ReportKind, minOffered, afterId, limit) {
      const conds = [Prisma.sql`kind = ${kind}`];
      if (report === "noise") conds.push(Prisma.sql`used = 0`, Prisma.sql`offered >= ${Math.max(1, minOffered)}`);
      else conds.push(Prisma.sql`offered = 0`, Prisma.sql`used > 0`);
      if (afterId !== null) conds.push(Prisma.sql`item_id > ${afterId}`);
      const rows = await readRows<FigureRow>(Prisma.sql`
        SELECT item_id, offered, used, used_unoffered, use_rate, first_seen, last_seen, versions
        FROM item_stats WHERE ${Prisma.join(conds, " AND ")} ORDER BY item_id LIMIT ${limit}`);
      return rows.map((r): ReportRow => {
        const { projects: _projects, ...figures } = toFigures(r, []);
        return figures;
      });
    },
  };
}
