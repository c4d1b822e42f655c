import { describe, expect, it } from "vitest";
import { parseInstant } from "@/lib/time";

describe("parseInstant", () => {
  it.each([
    ["2026-11-25", Date.UTC(2026, 10, 25)],
    ["2026-11-25 14:03:07", Date.UTC(2026, 10, 25, 14, 3, 7)],
    ["2026-11-25T14:03:07Z", Date.UTC(2026, 10, 25, 14, 3, 7)],
    ["2026-11-25T14:03:07.123Z", Date.UTC(2026, 10, 25, 14, 3, 7, 123)],
    ["2026-11-25T14:03:07.123456Z", Date.UTC(2026, 10, 25, 14, 3, 7, 123)],
    ["2026-11-25T14:03Z", Date.UTC(2026, 10, 25, 14, 3)],
    ["2026-11-25T16:03:07+02:00", Date.UTC(2026, 10, 25, 14, 3, 7)],
    ["2026-11-25T09:03:07-0500", Date.UTC(2026, 10, 25, 14, 3, 7)],
    // "+02:00" pasted unencoded into a query string arrives with a space for the "+".
    ["2026-11-25T16:03:07 02:00", Date.UTC(2026, 10, 25, 14, 3, 7)],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
  ])("reads %s", (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  it.each([
    "",
    "now",
    "2026-11-25T14:03:07",
    "2026-11-25 14:03",
    "2026-11-25 14:03:07 02:00",
    "2026-11-25T14:03:07  02:00",
    "2026-02-29",
    "2026-04-31",
    "2026-00-10",
    "2026-11-25T24:00:00Z",
    "2026-11-25T14:60:00Z",
    "2026-11-25T14:03:07+25:00",
    "25/11/2026",
    "1764079387",
  ])("refuses %j", (text) => {
    expect(parseInstant(text)).toBeNull();
  });
});
