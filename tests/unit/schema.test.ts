import { describe, expect, it } from "vitest";
import { captureBodySchema, parseListQuery } from "@/lib/interactions/schema";

describe("capture body schema", () => {
  it("refuses a pack deeper than the limit without overflowing the stack", () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100_000; i++) {
      const next = {};
      deep.a = next;
      deep = next;
    }
    const r = captureBodySchema().safeParse({ prompt: "x", context_pack: root });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["context_pack"]);
  });

  it("accepts nulls, arrays and scalars inside the pack", () => {
    const pack = { a: null, b: [1, [2, { c: "d" }]], e: true };
    const r = captureBodySchema().safeParse({ prompt: "x", context_pack: pack });
    expect(r.success).toBe(true);
    expect(r.data?.context_pack).toBe(pack);
  });

  it("lower-cases a client id", () => {
    const r = captureBodySchema().parse({ prompt: "x", id: "6F9619FF-8B86-4011-B42D-00C04FC964FF" });
    expect(r.id).toBe("6f9619ff-8b86-4011-b42d-00c04fc964ff");
  });
});

describe("parseListQuery", () => {
  it("reads URLSearchParams and page searchParams alike, first value wins", () => {
    const a = parseListQuery(new URLSearchParams("project=a&project=b&limit=5"));
    const b = parseListQuery({ project: ["a", "b"], limit: "5" });
    expect(a.data).toEqual(b.data);
    expect(a.data).toMatchObject({ project: "a", limit: 5 });
  });
  it("treats empty values as no filter and applies the defaults", () => {
    expect(parseListQuery({ project: "", client: "", since: "" }).data).toEqual({
      project: undefined,
      client: undefined,
      session_id: undefined,
      since: undefined,
      until: undefined,
      limit: 50,
      cursor: undefined,
    });
  });
  it("caps limit at 500 and floors it at 0", () => {
    expect(parseListQuery({ limit: "9999999999999" }).data?.limit).toBe(500);
    expect(parseListQuery({ limit: "-3" }).data?.limit).toBe(0);
  });
});
