import { realisticTurns } from "@/lib/demo/generate-turns";

export const DEMO_PROJECT = "demo";
const DEMO_ROWS = 3_000;
const LONG_SESSION_TURNS = 1_000;

/**
 * What `npm run demo` writes: a few thousand turns of the bench's shape (bench/), all in project
 * `demo`, over the last 30 days. Only created_at depends on when it runs (tests/unit/demo-turns.test.ts).
 */
export function demoTurns(now = Date.now()) {
  const set = realisticTurns({
    rows: DEMO_ROWS,
    longSessionTurns: LONG_SESSION_TURNS,
    bigPack: true,
    project: DEMO_PROJECT,
    days: 30,
    now,
    seed: 7,
    sessionPrefix: "demo",
  });
  return { ...set, rows: DEMO_ROWS, landmarks: { ...set.landmarks, longSessionTurns: LONG_SESSION_TURNS } };
}
