import { describe, expect, it } from "vitest";
import { BodyBudget } from "@/lib/api/body-budget";
import { RetryLaterError } from "@/lib/errors";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("the body budget", () => {
  it("admits what fits, makes the rest wait, and admits it when room is given back", async () => {
    const budget = new BodyBudget(100, 1000);
    const a = await budget.take(60);
    const b = await budget.take(40);
    expect(budget.held).toBe(100);
    let admitted = false;
    const c = budget.take(50).then((release) => ((admitted = true), release));
    await tick();
    expect(admitted).toBe(false);
    a();
    const releaseC = await c;
    expect(budget.held).toBe(90);
    b();
    releaseC();
    releaseC();
    expect(budget.held).toBe(0);
  });

  it("lets a small body past a large one that waits", async () => {
    const budget = new BodyBudget(100, 1000);
    const a = await budget.take(80);
    let bigIn = false;
    const big = budget.take(50).then((r) => ((bigIn = true), r));
    const small = await budget.take(10);
    expect(budget.held).toBe(90);
    expect(bigIn).toBe(false);
    a();
    small();
    (await big)();
    expect(budget.held).toBe(0);
  });

  it("never admits more than the budget when several waiters are let in at once", async () => {
    const budget = new BodyBudget(100, 1000);
    const first = await budget.take(100);
    const waiting = [budget.take(60), budget.take(60), budget.take(30)].map((p) => p.catch((e: unknown) => e));
    first();
    await tick();
    expect(budget.held).toBe(90);
    const [a, b, c] = await Promise.all(waiting);
    expect(b).toBeInstanceOf(RetryLaterError);
    (a as () => void)();
    (c as () => void)();
    expect(budget.held).toBe(0);
  });

  it("answers 503 with Retry-After when no room comes in time, and holds nothing for it", async () => {
    const budget = new BodyBudget(100, 50);
    const a = await budget.take(100);
    const err = await budget.take(1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryLaterError);
    expect(err).toMatchObject({ status: 503, code: "unavailable", retryAfterSeconds: 1 });
    a();
    expect(budget.held).toBe(0);
  });

  it("runs a body larger than the whole budget alone", async () => {
    const budget = new BodyBudget(100, 1000);
    const huge = await budget.take(500);
    expect(budget.held).toBe(100);
    huge();
  });
});
