import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { captureBodySchema, completionBodySchema } from "@/lib/interactions/schema";

// PostgreSQL cannot store U+0000 (text, jsonb) nor an unpaired surrogate (jsonb); the API answers
// the same on both databases, so the schema refuses such strings wherever they are, naming the field.
const BAD = ["a\u0000b", "\ud800", "x\udfff"];

function issues(body: unknown, schema: z.ZodType = captureBodySchema()) {
  const r = schema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

describe("strings a database cannot store", () => {
  for (const bad of BAD) {
    const label = JSON.stringify(bad);
    it(`refuses ${label} in every text field, list item, pack key and pack value`, () => {
      for (const field of ["prompt", "response", "response_summary", "project", "client", "session_id"]) {
        expect(issues({ prompt: "p", [field]: bad })).toContainEqual({ path: [field], message: `${field} contains U+0000 or an unpaired surrogate, which cannot be stored` });
      }
      expect(issues({ prompt: "p", memories_used: ["ok", bad] })[0].path).toEqual(["memories_used", 1]);
      expect(issues({ prompt: "p", chunks_used: [bad] })[0].path).toEqual(["chunks_used", 0]);
      expect(issues({ prompt: "p", context_pack: { a: [{ b: bad }] } })).toEqual([{ path: ["context_pack"], message: "context_pack contains U+0000 or an unpaired surrogate, which cannot be stored" }]);
      expect(issues({ prompt: "p", context_pack: { a: { [bad]: 1 } } })[0].path).toEqual(["context_pack"]);
      expect(issues({ response: bad }, completionBodySchema())[0].path).toEqual(["response"]);
    });
  }

  it("accepts every other character, astral ones (surrogate pairs) included", () => {
    const text = "é \u0001 \u007f \ufffd 😀 \u{10ffff} \ud83d\ude00";
    expect(issues({ prompt: text, project: text, memories_used: [text], context_pack: { [text]: [text] } })).toEqual([]);
    expect(issues({ response_summary: text }, completionBodySchema())).toEqual([]);
  });
});
