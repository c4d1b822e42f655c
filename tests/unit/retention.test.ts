import { afterEach, describe, expect, it, vi } from "vitest";
import { retirementHash, retiredRowsDigest, type RetiredRow } from "@/lib/audit/retirement-content";
import { retiredLinkProblem, retirementOf, type Retirements } from "@/lib/audit/verify-retirements";
import { planRetirement } from "@/lib/retention/plan-retirement";

// The pure parts of retention: the `retired` link's content, which retirement accounts for a
// link whose row is gone, and RETENTION_DAYS as the environment gives it.

const rows: RetiredRow[] = [
  { kind: "interaction", row_id: "b", link_hash: "h-b" },
  { kind: "interaction", row_id: "a", link_hash: null },
  { kind: "review", row_id: "r1", link_hash: "h-r1" },
];

describe("the retired link", () => {
  it("states the batch and covers every retired row with its link hash, in any order", () => {
    const plan = planRetirement(
      "ret-1",
      Date.UTC(2021, 0, 1),
      [
        { id: "b", seq: 7, link_hash: "h-b" },
        { id: "a", seq: 3, link_hash: null },
      ],
      [{ id: "r1", link_hash: "h-r1" }],
      1234,
    );
    expect(plan.facts).toEqual({ before: Date.UTC(2021, 0, 1), count: 2, reviews: 1, first_seq: 3, last_seq: 7 });
    expect(plan.link).toMatchObject({ kind: "retired", interactionId: "ret-1", at: 1234, fields: JSON.stringify(plan.facts) });
    expect(plan.link.contentHash).toBe(retirementHash("ret-1", plan.link.fields, [...rows].reverse()));
    expect(retiredRowsDigest(rows)).toBe(retiredRowsDigest([rows[2], rows[0], rows[1]]));
  });

  it("changes with any row, link hash, fact or retirement id", () => {
    const base = retirementHash("ret-1", "{}", rows);
    expect(retirementHash("ret-1", "{}", rows.slice(1))).not.toBe(base);
    expect(retirementHash("ret-1", "{}", [...rows, { kind: "interaction", row_id: "c", link_hash: null }])).not.toBe(base);
    expect(retirementHash("ret-1", "{}", [{ ...rows[0], link_hash: "other" }, ...rows.slice(1)])).not.toBe(base);
    expect(retirementHash("ret-1", "{}", [{ ...rows[2], kind: "interaction" }, ...rows.slice(0, 2)])).not.toBe(base);
    expect(retirementHash("ret-1", '{"count":3}', rows)).not.toBe(base);
    expect(retirementHash("ret-2", "{}", rows)).not.toBe(base);
  });
});

describe("which retirement removed a link's row", () => {
  const retirements: Retirements = new Map([
    ["interaction:x", [{ link: 10, link_hash: "cap-x-1" }, { link: 30, link_hash: "cap-x-2" }]],
    ["review:x", [{ link: 12, link_hash: "rev-x" }]],
  ]);
  const link = (seq: number, kind: string, hash: string) => ({ link: seq, kind, interaction_id: "x", hash });

  it("is the first retirement after the link; a link after every retirement covers a row captured again", () => {
    expect(retirementOf(link(2, "capture", "cap-x-1"), retirements)).toEqual({ link: 10, link_hash: "cap-x-1" });
    expect(retirementOf(link(20, "capture", "cap-x-2"), retirements)).toEqual({ link: 30, link_hash: "cap-x-2" });
    expect(retirementOf(link(31, "capture", "cap-x-3"), retirements)).toBeUndefined();
    expect(retirementOf(link(5, "review", "rev-x"), retirements)).toEqual({ link: 12, link_hash: "rev-x" });
    expect(retirementOf(link(5, "completion", "c"), new Map())).toBeUndefined();
  });

  it("must have recorded the row's own capture or review link", () => {
    expect(retiredLinkProblem(link(2, "capture", "cap-x-1"), { link: 10, link_hash: "cap-x-1" })).toBeNull();
    expect(retiredLinkProblem(link(2, "capture", "forged"), { link: 10, link_hash: "cap-x-1" })).toMatchObject({ expected: "forged", stored: "cap-x-1" });
    expect(retiredLinkProblem(link(2, "review", "rev"), { link: 10, link_hash: null })).toMatchObject({ stored: "(none)" });
    // A completion or redaction link of a retired turn need only come before its retirement.
    expect(retiredLinkProblem(link(3, "completion", "anything"), { link: 10, link_hash: "cap-x-1" })).toBeNull();
  });
});

describe("RETENTION_DAYS", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.resetModules();
  });
  const load = async (env: Record<string, string | undefined>) => {
    vi.resetModules();
    process.env = { ...saved, ...env };
    return (await import("@/lib/config")).config();
  };

  it("is off when unset or empty, a number of days otherwise", async () => {
    expect((await load({ RETENTION_DAYS: undefined })).RETENTION_DAYS).toBeUndefined();
    expect((await load({ RETENTION_DAYS: " " })).RETENTION_DAYS).toBeUndefined();
    expect((await load({ RETENTION_DAYS: "30" })).RETENTION_DAYS).toBe(30);
    expect((await load({ RETENTION_INTERVAL_MS: "500" })).RETENTION_INTERVAL_MS).toBe(500);
  });

  it.each(["0", "-3", "1.5", "thirty", "30d"])("refuses %j with a clear startup error", async (value) => {
    await expect(load({ RETENTION_DAYS: value })).rejects.toThrow(/Invalid environment: RETENTION_DAYS: must be a whole number of days, at least 1/);
  });
});
