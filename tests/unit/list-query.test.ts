import { describe, expect, it } from "vitest";
import { listHref } from "@/app/interactions/search-params";
import { encodeCursor } from "@/lib/interactions/cursor";
import { parseListQuery, parseListQueryLenient } from "@/lib/interactions/schema";
import { firstLine, relativeTime } from "@/lib/format-time";

describe("range and after", () => {
  it("turns a range preset into a since bound, the later of the two winning", () => {
    const before = Date.now();
    const q = parseListQuery({ range: "24h" }).data!;
    expect(q.range).toBe("24h");
    expect(q.since).toBeGreaterThanOrEqual(before - 86_400_000);
    expect(q.since).toBeLessThanOrEqual(Date.now() - 86_400_000);
    expect(parseListQuery({ range: "1h", since: "2000-01-01" }).data!.since).toBeGreaterThan(Date.UTC(2020, 0, 1));
    expect(parseListQuery({ range: "30d", since: "2999-01-01" }).data!.since).toBe(Date.UTC(2999, 0, 1));
    expect(parseListQuery({ range: "2w" }).error?.issues[0].message).toMatch(/range must be one of 1h, 24h, 7d, 30d/);
  });

  it("reads an after cursor and refuses it together with cursor", () => {
    const c = encodeCursor({ createdAt: 5, seq: 7 });
    expect(parseListQuery({ after: c }).data!.after).toEqual({ createdAt: 5, seq: 7 });
    const both = parseListQuery({ after: c, cursor: c });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0].path).toEqual(["after"]);
  });
});

describe("at", () => {
  it("becomes the cursor just after the instant, and refuses a cursor beside it", () => {
    expect(parseListQuery({ at: "2026-11-25T14:03:07Z" }).data!.cursor).toEqual({ createdAt: Date.UTC(2026, 10, 25, 14, 3, 7) + 1, seq: 0 });
    expect(parseListQuery({ at: "2026-11-25", cursor: encodeCursor({ createdAt: 5, seq: 7 }) }).error?.issues[0].path).toEqual(["at"]);
    expect(parseListQuery({ at: "soon" }).error?.issues[0].message).toMatch(/at is not a valid time/);
  });
});

describe("parseListQueryLenient", () => {
  it("drops only the parameters that do not parse and names them", () => {
    const { query, issues } = parseListQueryLenient({ project: "p", since: "last tuesday", cursor: "%%", limit: "25" });
    expect(query).toMatchObject({ project: "p", limit: 25 });
    expect([query.since, query.cursor]).toEqual([undefined, undefined]);
    expect(issues.map((i) => i.param).sort()).toEqual(["cursor", "since"]);
  });
  it("reports nothing for a valid query", () => {
    expect(parseListQueryLenient({ client: "c" }).issues).toEqual([]);
  });
  it("keeps only the params that parsed, for links", () => {
    const { params } = parseListQueryLenient({ project: "p", since: "nope", limit: "0" });
    expect(params).toEqual({ project: "p" });
  });
  it("shows a default page for limit <= 0 and names it", () => {
    const { query, issues } = parseListQueryLenient({ limit: "-1" });
    expect(query.limit).toBe(50);
    expect(issues).toEqual([{ param: "limit", message: "a page shows at least one row; showing 50" }]);
  });
  it("ignores and names a parameter the page does not take, keeping the rest", () => {
    const { query, issues, params } = parseListQueryLenient({ q: "deploy", client: "c", until: "x" }, { q: "not here" });
    expect(query).toEqual({ client: "c", limit: 50 });
    expect(issues).toEqual([
      { param: "q", message: "not here" },
      { param: "until", message: expect.stringContaining("not a valid time") },
    ]);
    expect(params).toEqual({ client: "c" });
    // An empty value is no filter, so it is not reported.
    expect(parseListQueryLenient({ q: "" }, { q: "not here" }).issues).toEqual([]);
  });
});

describe("listHref", () => {
  it("changes params, drops empty ones and never carries the current page's cursor", () => {
    const current = { project: "p", cursor: "abc", limit: "25", client: "" };
    expect(listHref(current, { client: "c" })).toBe("/interactions?project=p&limit=25&client=c");
    expect(listHref(current, { after: "xyz" })).toBe("/interactions?project=p&limit=25&after=xyz");
    expect(listHref({ project: "p" }, { project: undefined })).toBe("/interactions");
    expect(listHref({}, { session_id: "a b/c" })).toBe("/interactions?session_id=a+b%2Fc");
  });
});

describe("format", () => {
  it("labels ages and first lines", () => {
    const now = Date.UTC(2026, 10, 25, 12);
    expect(relativeTime(now - 500, now)).toBe("just now");
    expect(relativeTime(now - 42_000, now)).toBe("42 s ago");
    expect(relativeTime(now - 3 * 3_600_000 - 5, now)).toBe("3 h ago");
    expect(relativeTime(now - 90 * 86_400_000, now)).toBe("2026-08-27");
    expect(firstLine("\n  \n  hello\nworld")).toBe("hello");
    expect(firstLine("x".repeat(200), 10)).toBe(`${"x".repeat(10)}…`);
  });
});
