import type { ReactElement } from "react";
import { describe, expect, test } from "vitest";
import { Deferred, InSteps } from "@/components/deferred";

// A heavy page renders in parts, each on its own turn of the event loop, so that a capture
// waiting meanwhile is answered between them (the bench's "capture under heavy reads").

describe("Deferred", () => {
  test("renders its children only after work already waiting on the event loop has run", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("a capture's callback"));
    const rendered = Deferred({ children: "turns 1-2" }).then((element) => {
      order.push("the part");
      return element;
    });
    // Promise jobs alone do not settle it: the part waits for a turn of the event loop.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(order).toEqual([]);
    const element = (await rendered) as ReactElement<{ children: unknown }>;
    expect(order).toEqual(["a capture's callback", "the part"]);
    expect(element.props.children).toBe("turns 1-2");
  });
});

describe("InSteps", () => {
  test("splits the items into Deferred parts of `size`, in order, the last one shorter", () => {
    const parts = InSteps({ items: [1, 2, 3, 4, 5, 6, 7], size: 3, render: (n) => `turn ${n}` }) as ReactElement<{ children: string[] }>[];
    expect(parts.map((p) => p.type)).toEqual([Deferred, Deferred, Deferred]);
    expect(parts.map((p) => p.props.children)).toEqual([["turn 1", "turn 2", "turn 3"], ["turn 4", "turn 5", "turn 6"], ["turn 7"]]);
    expect(new Set(parts.map((p) => p.key)).size).toBe(3);
  });

  test("renders nothing for no items", () => {
    expect(InSteps({ items: [], size: 2, render: String })).toEqual([]);
  });
});
