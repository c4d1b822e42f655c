import { describe, expect, it } from "vitest";
import { groupCommit } from "@/lib/db/postgres/group-commit";

// A run the test finishes by hand, so that it decides what arrives while one is in flight.
function controlledRuns(fail: (items: readonly string[]) => Error | null = () => null) {
  const runs: { items: string[]; finish: () => void }[] = [];
  const run = (items: readonly string[]) =>
    new Promise<string[]>((resolve, reject) => {
      runs.push({
        items: [...items],
        finish: () => {
          const err = fail(items);
          if (err) reject(err);
          else resolve(items.map((i) => `stored ${i}`));
        },
      });
    });
  return { runs, run };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const outcome = (p: Promise<string>) =>
  p.then(
    (v) => v,
    (e: Error) => `failed: ${e.message}`,
  );

describe("groupCommit", () => {
  it("runs the first call at once and the calls made meanwhile together in the next run, in order", async () => {
    const { runs, run } = controlledRuns();
    const submit = groupCommit({ run, weight: () => 1, maxWeight: 10, rerunAlone: () => false });
    const a = submit("a");
    expect(runs.map((r) => r.items)).toEqual([["a"]]);
    const rest = ["b", "c", "d"].map(submit);
    await settle();
    expect(runs).toHaveLength(1);
    runs[0].finish();
    await settle();
    expect(runs.map((r) => r.items)).toEqual([["a"], ["b", "c", "d"]]);
    runs[1].finish();
    expect(await Promise.all([a, ...rest])).toEqual(["stored a", "stored b", "stored c", "stored d"]);
  });

  it("keeps a run within maxWeight and runs a call heavier than that alone", async () => {
    const { runs, run } = controlledRuns();
    const weights: Record<string, number> = { first: 1, a: 3, b: 3, heavy: 50, c: 2, d: 1 };
    const submit = groupCommit({ run, weight: (i: string) => weights[i], maxWeight: 6, rerunAlone: () => false });
    const all = ["first", "a", "b", "heavy", "c", "d"].map(submit);
    for (let i = 0; i < 4; i++) {
      await settle();
      runs.at(-1)!.finish();
    }
    await Promise.all(all);
    expect(runs.map((r) => r.items)).toEqual([["first"], ["a", "b"], ["heavy"], ["c", "d"]]);
  });

  it("after a shared run fails with a repeatable error, runs each call alone: only the bad one fails", async () => {
    const { runs, run } = controlledRuns((items) => (items.includes("bad") ? new Error(`refused ${items.join("+")}`) : null));
    const submit = groupCommit({ run, weight: () => 1, maxWeight: 10, rerunAlone: (e) => (e as Error).message.startsWith("refused") });
    const first = submit("first");
    const group = ["x", "bad", "y"].map(submit);
    runs[0].finish();
    await settle();
    runs[1].finish(); // x+bad+y fails
    await settle();
    expect(runs.slice(2).map((r) => r.items)).toEqual([["x"], ["bad"], ["y"]]);
    for (const r of runs.slice(2)) r.finish();
    expect(await Promise.all([first, ...group].map(outcome))).toEqual(["stored first", "stored x", "failed: refused bad", "stored y"]);
  });

  it("fails every call of the run with an error that is not safe to repeat, and a lone call without a rerun", async () => {
    const { runs, run } = controlledRuns(() => new Error("unknown outcome"));
    const submit = groupCommit({ run, weight: () => 1, maxWeight: 10, rerunAlone: () => false });
    const first = outcome(submit("first"));
    const group = ["x", "y"].map((i) => outcome(submit(i)));
    runs[0].finish();
    await settle();
    runs[1].finish();
    expect(await Promise.all([first, ...group])).toEqual(["failed: unknown outcome", "failed: unknown outcome", "failed: unknown outcome"]);
    expect(runs).toHaveLength(2);
  });

  it("starts afresh after going idle", async () => {
    const { runs, run } = controlledRuns();
    const submit = groupCommit({ run, weight: () => 1, maxWeight: 10, rerunAlone: () => false });
    const a = submit("a");
    runs[0].finish();
    await a;
    const b = submit("b");
    expect(runs.map((r) => r.items)).toEqual([["a"], ["b"]]);
    runs[1].finish();
    expect(await b).toBe("stored b");
  });
});
