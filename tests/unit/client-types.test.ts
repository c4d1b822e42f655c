import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { BatchItemResult, Capture, Interaction, InteractionPage } from "@/lib/client/types";
import type { BatchResult } from "@/lib/interactions/batch-schema";
import {
  captureBodySchema,
  InteractionListSchema,
  InteractionRecordSchema,
  type CaptureBody,
  type InteractionRecord,
} from "@/lib/interactions/schema";

// The client keeps its own copies of the API's types (it must not import server code).
// These checks fail `npm run typecheck` (and this test) when the two drift apart.
describe("the client's types match the server's schema", () => {
  it("has the same record and page types", () => {
    expectTypeOf<Interaction>().toEqualTypeOf<InteractionRecord>();
    expectTypeOf<InteractionPage>().toEqualTypeOf<z.infer<typeof InteractionListSchema>>();
    expectTypeOf<{ results: BatchItemResult[] }>().toEqualTypeOf<BatchResult>();
  });

  it("accepts exactly the capture fields the server accepts", () => {
    expectTypeOf<Capture>().toEqualTypeOf<CaptureBody>();
    expect(Object.keys(captureBodySchema().shape).sort()).toEqual(
      (["id", "prompt", "response", "response_summary", "project", "client", "session_id", "memories_used", "chunks_used", "context_pack", "occurred_at"] satisfies (keyof Capture)[]).sort(),
    );
  });

  it("parses a record typed by the client with the server's strict schema", () => {
    const record: Interaction = {
      id: "0f8c3a52-7a51-4c53-9d1e-3f3c2b7f9a10",
      prompt: "p",
      response: "",
      response_summary: "",
      project: "",
      client: "",
      session_id: "",
      memories_used: [],
      chunks_used: [],
      context_pack: {},
      created_at: "2026-11-25T14:03:07.123Z",
      response_added_at: null,
      occurred_at: "2026-11-25T14:02:59.500Z",
    };
    expect(InteractionRecordSchema.parse(record)).toEqual(record);
  });
});
