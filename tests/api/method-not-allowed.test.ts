import { readdirSync } from "node:fs";
import { join, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { apiFetch, expectError, uid } from "../helpers/api";

// Every route file under app/api, found on disk so that a new route is covered without
// editing this list. The catch-all answers every method (404) and has nothing to refuse.
const API_DIR = join(import.meta.dirname, "../../app/api");
const routes = readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(`${sep}route.ts`))
  .map((f) => f.split(sep).slice(0, -1))
  .filter((segments) => !segments.some((s) => s.startsWith("[...")))
  .map((segments) => "/api/" + segments.map((s) => (s.startsWith("[") ? uid("x") : s)).join("/"));

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

describe("a method a route does not serve", () => {
  it("finds the route files", () => {
    expect(routes).toContain("/api/interactions");
    expect(routes.length).toBeGreaterThan(10);
  });

  // No route serves PUT; every other method a route lacks is refused the same way.
  it.each(routes)("%s answers 405 in the JSON envelope with an Allow header", async (path) => {
    let refused = 0;
    for (const method of METHODS) {
      const res = await apiFetch(path, { method, headers: { "content-type": "application/json" }, body: method === "GET" ? undefined : "{}" });
      if (res.status !== 405) {
        await res.body?.cancel();
        continue;
      }
      refused++;
      const allow = res.headers.get("allow") ?? "";
      expect(allow.split(", ")).toContain("OPTIONS");
      expect(allow.split(", ")).not.toContain(method);
      const { error } = await expectError(res, 405, "method_not_allowed");
      expect(error.message).toContain(method);
    }
    expect(refused).toBeGreaterThan(0);
  });
});
