import { describe, expect, it } from "vitest";
import { ErrorBodySchema } from "../helpers/schemas";
import { postJson } from "../helpers/api";

describe("POST /api/bench/noop", () => {
  it("does not exist unless the server runs with BENCH_ROUTES=1", async () => {
    const res = await postJson("/api/bench/noop", { prompt: "x" });
    expect(res.status).toBe(404);
    expect(ErrorBodySchema.parse(await res.json()).error.code).toBe("not_found");
  });
});
