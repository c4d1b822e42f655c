import { describe, expect, it } from "vitest";
import { ErrorBodySchema } from "../helpers/schemas";
import { apiFetch, postJson } from "../helpers/api";

describe("bench routes", () => {
  it("POST /api/bench/noop does not exist unless the server runs with BENCH_ROUTES=1", async () => {
    const res = await postJson("/api/bench/noop", { prompt: "x" });
    expect(res.status).toBe(404);
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe("not_found");
  });

  it("GET /api/bench/memory does not exist unless the server runs with BENCH_ROUTES=1", async () => {
    const res = await apiFetch("/api/bench/memory", { auth: false });
    expect(res.status).toBe(404);
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe("not_found");
  });
});
