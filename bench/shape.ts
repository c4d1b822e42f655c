import type { ShapeSpec } from "@/lib/demo/generate-turns";
import type { BenchPage, PageGoal } from "./pages";
import { GOALS } from "./pages";
import type { SeedInfo } from "./seed";

// The bench's data set (issue 20's shape): one session of 1,000 turns with ~40 KB packs, one
// 3 MB pack, 200 projects of Zipf-like sizes, 90 days; and the pages measured on it.

export const shapeSpec = (rows: number, now: number): ShapeSpec => ({ rows, longSessionTurns: 1_000, bigPack: true, project: 200, days: 90, now });

/** The heavy URLs: the 1,000-turn session page, its two exports, the 3 MB-pack detail page. */
export function heavyUrls(info: SeedInfo) {
  const s = encodeURIComponent(info.longSession);
  return [
    { name: "1,000-turn session page", path: `/sessions/${s}` },
    { name: "its JSON export", path: `/api/sessions/${s}/export?format=json` },
    { name: "its Markdown export", path: `/api/sessions/${s}/export?format=md` },
    { name: "3 MB-pack detail page", path: `/interactions/${info.bigPackId}` },
  ];
}

/** Every page of the viewer; `every` is the goal every page has at this size (none below 1M rows). */
export function benchPages(info: SeedInfo & { someId: string }, every: PageGoal = {}): BenchPage[] {
  const e = (path: string) => encodeURIComponent(path);
  return [
    { name: "1,000-turn session page", path: `/sessions/${e(info.longSession)}`, goal: { ...every, ...GOALS.sessionPage } },
    { name: "3 MB-pack detail page", path: `/interactions/${info.bigPackId}`, goal: { ...every, ...GOALS.bigPackPage } },
    { name: "list, busiest project", path: `/interactions?project=${e(info.project)}`, goal: every },
    { name: "sessions list", path: "/sessions", goal: every },
    { name: "a typical session page", path: `/sessions/${e(info.session)}`, goal: every },
    { name: "a typical interaction page", path: `/interactions/${info.someId}`, goal: every },
    { name: "the most used memory (mem-1)", path: "/memories/mem-1", goal: every },
    { name: "the most used chunk (doc-1#0)", path: `/chunks/${e("doc-1#0")}`, goal: every },
    { name: "/audit", path: "/audit", goal: every },
  ];
}
