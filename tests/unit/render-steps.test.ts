import { MessageChannel } from "node:worker_threads";
import { expect, test } from "vitest";
import { nextStep } from "@/lib/render-steps";

// Heavy pages render in steps; a capture waits at most one step per hop, whatever the number
// of pages under way. A capture's hops are I/O: its request, and the write thread's answer, a
// message like the one here.

test("steps queued together run on successive turns of the event loop, with the I/O that arrived in between", async () => {
  const order: string[] = [];
  const { port1, port2 } = new MessageChannel();
  port2.on("message", (m: string) => order.push(m));
  await Promise.all([
    nextStep().then(() => {
      order.push("page A, step 1");
      port1.postMessage("the write thread's answer to a capture");
    }),
    nextStep().then(() => order.push("page B, step 1")),
    nextStep().then(() => order.push("page C, step 1")),
  ]);
  port1.close();
  // setImmediate alone ran the three steps in one turn, before the answer.
  expect(order).toEqual(["page A, step 1", "the write thread's answer to a capture", "page B, step 1", "page C, step 1"]);
});

test("a step queued when none waits runs on the next turn", async () => {
  const order: string[] = [];
  const step = nextStep().then(() => order.push("step"));
  for (let i = 0; i < 10; i++) await Promise.resolve();
  expect(order).toEqual([]);
  await step;
  await nextStep();
  expect(order).toEqual(["step"]);
});
