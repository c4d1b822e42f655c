import { analyzePack } from "@/lib/context-pack/analyze-pack";
import { canonicalJson } from "@/lib/canonical-json";
import { expect } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { VOLATILE_FIELDS } from "@/lib/memory-audit/volatile-fields";
import type { TestDb } from "./open-db";

// The memory audit's figures computed in JavaScript from the interactions themselves, with the
// pack rules of lib/context-pack/analyze-pack.ts: what the database's item index must equal.

export type SourceRow = { memories_used: string[]; chunks_used: string[]; context_pack: unknown; project: string; created_at: number };
export type Figures = { offered: number; used: number; used_unoffered: number; first: number; last: number; projects: string[]; versions: number };

const volatile = new Set<string>(VOLATILE_FIELDS);

export function versionKey(value: Record<string, unknown>): string {
  return canonicalJson(Object.fromEntries(Object.entries(value).filter(([k]) => !volatile.has(k))));
}

/** "kind\tid" → figures. */
export function expectedFigures(rows: readonly SourceRow[]): Map<string, Figures> {
  const acc = new Map<string, { offered: number; used: number; used_unoffered: number; first: number; last: number; projects: Set<string>; versions: Set<string> }>();
  for (const r of rows) {
    const offered = new Map<string, Set<string>>();
    for (const item of analyzePack(r.context_pack, r.memories_used, r.chunks_used).items) {
      if (item.kind === "item") continue;
      const key = `${item.kind}\t${item.id}`;
      offered.set(key, (offered.get(key) ?? new Set()).add(versionKey(item.value)));
    }
    const used = new Set([...r.memories_used.map((id) => `memory\t${id}`), ...r.chunks_used.map((id) => `chunk\t${id}`)]);
    for (const key of new Set([...offered.keys(), ...used])) {
      const f = acc.get(key) ?? { offered: 0, used: 0, used_unoffered: 0, first: Infinity, last: -Infinity, projects: new Set(), versions: new Set() };
      const isOffered = offered.has(key);
      f.offered += isOffered ? 1 : 0;
      f.used += used.has(key) ? 1 : 0;
      f.used_unoffered += used.has(key) && !isOffered ? 1 : 0;
      f.first = Math.min(f.first, r.created_at);
      f.last = Math.max(f.last, r.created_at);
      f.projects.add(r.project);
      for (const v of offered.get(key) ?? []) f.versions.add(v);
      acc.set(key, f);
    }
  }
  return new Map(
    [...acc].map(([k, f]) => [k, { offered: f.offered, used: f.used, used_unoffered: f.used_unoffered, first: f.first, last: f.last, projects: [...f.projects].sort(), versions: f.versions.size }]),
  );
}

export type StatRow = { kind: string; item_id: string; offered: number; used: number; used_unoffered: number; use_rate: number; first_seen: number; last_seen: number; versions: number };

/** The database's item index equals the figures of `source` computed here. */
export async function expectIndexMatches(db: TestDb, source: readonly SourceRow[]): Promise<void> {
  const expected = expectedFigures(source);
  const stats = await db.all<StatRow>(Prisma.sql`SELECT * FROM item_stats`);
  const projects = await db.all<{ kind: string; item_id: string; project: string }>(Prisma.sql`SELECT * FROM item_projects ORDER BY project`);
  const projectsOf = new Map<string, string[]>();
  for (const p of projects) projectsOf.set(`${p.kind}\t${p.item_id}`, [...(projectsOf.get(`${p.kind}\t${p.item_id}`) ?? []), p.project]);
  const actual = new Map(
    stats.map((s) => [
      `${s.kind}\t${s.item_id}`,
      {
        offered: s.offered,
        used: s.used,
        used_unoffered: s.used_unoffered,
        first: Number(s.first_seen),
        last: Number(s.last_seen),
        projects: (projectsOf.get(`${s.kind}\t${s.item_id}`) ?? []).sort(),
        versions: s.versions,
      },
    ]),
  );
  expect(actual.size).toBe(expected.size);
  expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  for (const s of stats) expect(s.use_rate).toBeCloseTo(s.offered === 0 ? -1 : s.used / s.offered, 12);
  // Each version counts the interactions that carried it.
  const [{ n }] = await db.all<{ n: number }>(Prisma.sql`
    SELECT count(*) AS n FROM item_versions v
    WHERE v.interactions <> (SELECT count(*) FROM item_sightings s WHERE s.version_id = v.id)`);
  expect(n).toBe(0);
}
