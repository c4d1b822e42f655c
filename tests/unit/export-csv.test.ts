import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvHeader, csvRow } from "@/lib/export/csv";
import { exportFileName } from "@/lib/export/export-interactions";
import { parseCsv } from "../helpers/csv";

describe("csvCell", () => {
  it("quotes only what RFC 4180 requires", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("")).toBe("");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\r")).toBe('"cr\r"');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    for (const s of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(s).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell("=A1,B1")).toBe(`"'=A1,B1"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("reads back as the same cells for any text (only neutralised cells gain a leading ')", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", "=", "-", " ", "é") })), (cells) => {
        const line = cells.length === 0 ? "" : cells.map(csvCell).join(",") + "\r\n";
        const back = cells.length === 0 ? [] : parseCsv(line)[0];
        expect(back).toEqual(cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      }),
    );
  });
});

describe("csvRow", () => {
  it("flattens lists and the pack as JSON text, in the header's column order", () => {
    const row = csvRow({
      id: "i",
      prompt: "p",
      response: "",
      response_summary: "",
      project: "x",
      client: "",
      session_id: "",
      memories_used: ["a", "b"],
      chunks_used: [],
      context_pack: { k: "v" },
      created_at: "2026-01-01T00:00:00.000Z",
      response_added_at: null,
      occurred_at: null,
    });
    const [header, cells] = parseCsv(csvHeader() + row);
    expect(Object.fromEntries(header.map((h, i) => [h, cells[i]]))).toMatchObject({
      memories_used: '["a","b"]',
      chunks_used: "[]",
      context_pack: '{"k":"v"}',
      occurred_at: "",
    });
  });
});

describe("exportFileName", () => {
  it("names the project (made safe for a file name) and the time", () => {
    const now = new Date("2026-11-25T14:03:07.123Z");
    expect(exportFileName("jsonl", {}, now)).toBe("atocore-audit-20261125T140307Z.jsonl");
    expect(exportFileName("csv", { project: 'a b/"c"' }, now)).toBe("atocore-audit-a_b_c_-20261125T140307Z.csv");
  });
});
