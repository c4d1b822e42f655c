import { describe, expect, it } from "vitest";
import { FailureThrottle } from "@/lib/auth/failure-throttle";

describe("the failed sign-in throttle", () => {
  it("answers a wait after the limit, for the rest of the minute, per address", () => {
    let now = 1_000_000;
    const t = new FailureThrottle(3, 60_000, 100, () => now);
    expect([t.fail("a"), t.fail("a"), t.fail("a")]).toEqual([0, 0, 0]);
    expect(t.fail("a")).toBe(60);
    now += 45_500;
    expect(t.fail("a")).toBe(15);
    expect(t.fail("b")).toBe(0);
    now += 15_000;
    // The window has passed: counting starts again.
    expect(t.fail("a")).toBe(0);
  });

  it("keeps at most maxAddresses, dropping expired windows first, then the oldest", () => {
    let now = 0;
    const t = new FailureThrottle(1, 60_000, 3, () => now);
    t.fail("old");
    now = 30_000;
    t.fail("a");
    t.fail("b");
    now = 61_000;
    t.fail("c");
    expect(t.size).toBe(3);
    // "a" and "b" are still counted; "old" expired and made room.
    expect(t.fail("a")).toBeGreaterThan(0);
    t.fail("d");
    expect(t.size).toBe(3);
  });

  it("is off with a limit of 0", () => {
    const t = new FailureThrottle(0);
    for (let i = 0; i < 100; i++) expect(t.fail("a")).toBe(0);
    expect(t.size).toBe(0);
  });
});
