import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/interactions/cursor";

describe("keyset cursor", () => {
  it("round-trips", () => {
    const c = { createdAt: 1_764_079_387_123, seq: 987_654 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });
  it.each(["", "abc", "!!", Buffer.from("1.x").toString("base64url"), Buffer.from("-1.2").toString("base64url"), "A".repeat(100)])(
    "refuses %j",
    (text) => {
      expect(decodeCursor(text)).toBeNull();
    },
  );
});
