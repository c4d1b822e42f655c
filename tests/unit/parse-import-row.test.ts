import { describe, expect, it } from "vitest";
import { nameUuid } from "@/lib/import/name-uuid";
import { parseImportRow } from "@/lib/import/parse-import-row";

const NOW = Date.UTC(2026, 10, 25, 12);

describe("parseImportRow", () => {
  it("keeps a given id and created_at, in any accepted time format", () => {
    const id = "0F8C3A52-7A51-4C53-9D1E-3F3C2B7F9A10";
    for (const created_at of ["2025-01-02 03:04:05", "2025-01-02T03:04:05.000Z", "2025-01-02T05:04:05+02:00"]) {
      expect(parseImportRow({ id, prompt: "p", created_at }, NOW)).toMatchObject({
        row: { input: { id: id.toLowerCase(), prompt: "p", memories_used: [] }, createdAt: Date.UTC(2025, 0, 2, 3, 4, 5) },
      });
    }
  });

  it("gives a record without id the same name-based id every time, different for other content", () => {
    const a = parseImportRow({ prompt: "p", project: "x" }, NOW);
    const b = parseImportRow({ project: "x", prompt: "p" }, NOW + 1000);
    const c = parseImportRow({ prompt: "p", project: "y" }, NOW);
    const d = parseImportRow({ prompt: "p", project: "x", created_at: "2025-01-01" }, NOW);
    const ids = [a, b, c, d].map((r) => ("row" in r ? r.row.input.id : null));
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Without created_at the row is dated now.
    expect("row" in a && a.row.createdAt).toBe(NOW);
  });

  it("rejects what the API would reject, and impossible or future times", () => {
    expect(parseImportRow("x", NOW)).toEqual({ reason: "not a JSON object" });
    expect(parseImportRow({ prompt: "" }, NOW)).toEqual({ reason: "prompt must not be blank" });
    expect(parseImportRow({ prompt: "p", extra: 1 }, NOW)).toEqual({ reason: "unknown field 'extra'" });
    expect(parseImportRow({ prompt: "p", created_at: "2025-02-29" }, NOW)).toEqual({ reason: 'created_at is not a valid time: "2025-02-29"' });
    expect(parseImportRow({ prompt: "p", created_at: "2026-11-27T00:00:00Z" }, NOW)).toEqual({ reason: "created_at is in the future: 2026-11-27T00:00:00Z" });
  });
});

describe("nameUuid", () => {
  it("is a stable RFC 9562 version-5 UUID", () => {
    expect(nameUuid("x")).toBe(nameUuid("x"));
    expect(nameUuid("x")).not.toBe(nameUuid("y"));
    expect(nameUuid("x")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
