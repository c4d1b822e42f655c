import { describe, expect, it } from "vitest";
import { urlProblem } from "@/lib/api/url-problem";
import { ValidationError } from "@/lib/errors";

const at = (pathAndQuery: string) => urlProblem(new URL(pathAndQuery, "http://localhost"));

describe("urlProblem (checked by proxy.ts and by every API route)", () => {
  it("passes ordinary paths and queries, escapes included", () => {
    expect(at("/api/interactions?project=a%20b&limit=5")).toBeNull();
    expect(at("/api/sessions/a%2Fb%25c")).toBeNull();
    expect(at("/interactions?q=%E2%9C%93")).toBeNull();
  });

  it("refuses a path that is not valid percent-encoded UTF-8, as a 400 naming the path", () => {
    for (const path of ["/api/interactions/x%ZZ", "/api/interactions/%C0%AF", "/api/memories/%E0%A4%A/interactions"]) {
      const problem = at(path);
      expect(problem, path).toBeInstanceOf(ValidationError);
      expect(problem!.status).toBe(400);
      expect(problem!.issues).toEqual([{ path: ["path"], message: "not valid percent-encoded UTF-8" }]);
    }
  });

  it("refuses U+0000 in the path, a query value or a query name, naming where", () => {
    expect(at("/api/sessions/s%00")!.issues).toEqual([{ path: ["path"], message: "must not contain U+0000" }]);
    expect(at("/api/interactions?limit=5&session_id=a%00b")!.issues).toEqual([{ path: ["session_id"], message: "must not contain U+0000" }]);
    expect(at("/api/interactions?x%00y=1")!.issues).toEqual([{ path: ["x\\0y"], message: "must not contain U+0000" }]);
  });
});
