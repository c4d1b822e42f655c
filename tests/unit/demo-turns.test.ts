import { describe, expect, it } from "vitest";
import { demoTurns } from "@/lib/demo/demo-turns";

// `npm run demo` run twice must find every turn already present: the second run, at a later
// `now`, has to generate the same content under the same ids. A turn whose item revision or
// place in the order followed the clock came out different, and the import refused it as a
// conflicting retry (2 of 3,000 turns in one CI run, where the runs were ~40 s apart).
describe("demoTurns", () => {
  it("differs between two runs in created_at alone, shifted by the time between them", () => {
    const t0 = Date.UTC(2026, 11, 7, 5, 33, 54, 123);
    // 13 days and a bit: many turns cross a 30-day revision boundary the old generator drew from the clock.
    const later = 13 * 86_400_000 + 41_777;
    const a = demoTurns(t0);
    const b = demoTurns(t0 + later);
    expect(b.landmarks).toEqual({ ...a.landmarks, newest: a.landmarks.newest + later });
    const second = b.turns();
    let count = 0;
    for (const turn of a.turns()) {
      const other = second.next().value!;
      expect(Date.parse(other.created_at) - Date.parse(turn.created_at)).toBe(later);
      expect({ ...other, created_at: "" }).toEqual({ ...turn, created_at: "" });
      count++;
    }
    expect(second.next().done).toBe(true);
    expect(count).toBe(a.rows);
  });
});
