import { describe, expect, it } from "vitest";
import { safeJsonList, safeJsonObject, toInteractionRecord } from "@/lib/interactions/row";

describe("reading stored JSON as the reference does", () => {
  it.each([null, "", "[oops", "{}", "null", '"x"', "5"])("a list column %j that is not a list reads as []", (raw) => {
    expect(safeJsonList(raw)).toEqual([]);
  });
  it("stringifies non-string list items", () => {
    expect(safeJsonList('["a", 1, 2.5]')).toEqual(["a", "1", "2.5"]);
  });
  it.each([null, "", "{oops", "[]", "null", "3", '"s"'])("a pack %j that is not an object reads as {}", (raw) => {
    expect(safeJsonObject(raw)).toEqual({});
  });
  it("builds the API record with created_at in ISO 8601 UTC", () => {
    const rec = toInteractionRecord({
      seq: 1,
      id: "x",
      prompt: "p",
      response: null,
      response_summary: null,
      project: null,
      client: null,
      session_id: null,
      memories_used: null,
      chunks_used: null,
      context_pack: null,
      created_at: 1_764_079_387_123n,
    });
    expect(rec).toEqual({
      id: "x",
      prompt: "p",
      response: "",
      response_summary: "",
      project: "",
      client: "",
      session_id: "",
      memories_used: [],
      chunks_used: [],
      context_pack: {},
      created_at: "2025-11-25T14:03:07.123Z",
      response_added_at: null,
      occurred_at: null,
    });
  });
});
