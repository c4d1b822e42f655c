import { describe, expect, it } from "vitest";
import { duration, importProgress, progressLine } from "@/lib/import/import-progress";

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream };
}

describe("import progress", () => {
  it("says rows, rows/s, how far, and the time left from the part read", () => {
    expect(progressLine(3000, 250, 1000, 1)).toBe("importing: 3,000 rows in 1s, 3,000 rows/s, 25%, about 3s left");
    expect(progressLine(0, 0, 1000, 0)).toBe("importing: 0 rows in 0s, 0 rows/s, 0%");
    expect(progressLine(10, 1000, 1000, 2)).toBe("importing: 10 rows in 2s, 5 rows/s, 100%");
    expect(duration(59.6)).toBe("1m 00s");
    expect(duration(3725)).toBe("1h 02m");
  });

  it("writes a full line every interval when stderr is not a terminal, and a last one at the end", () => {
    let t = 0;
    const { out, stream } = fakeStream(false);
    const p = importProgress({ total: 100, stream, intervalMs: 5000, now: () => t });
    t = 1000;
    p.update(300, 10);
    expect(out).toEqual([]);
    t = 5000;
    p.update(600, 20);
    t = 6000;
    p.update(900, 30);
    t = 10_000;
    p.update(1200, 40);
    p.stop();
    expect(out).toEqual([
      "importing: 600 rows in 5s, 120 rows/s, 20%, about 20s left\n",
      "importing: 1,200 rows in 10s, 120 rows/s, 40%, about 15s left\n",
      "importing: 1,200 rows in 10s, 120 rows/s, 100%\n",
    ]);
  });

  it("does not repeat the final line when the last update already said it", () => {
    let t = 0;
    const { out, stream } = fakeStream(false);
    const p = importProgress({ total: 100, stream, intervalMs: 1000, now: () => t });
    t = 2000;
    p.update(50, 100);
    p.stop();
    expect(out).toEqual(["importing: 50 rows in 2s, 25 rows/s, 100%\n"]);
  });

  it("redraws one line in place on a terminal", () => {
    let t = 0;
    const { out, stream } = fakeStream(true);
    const p = importProgress({ total: 10, stream, now: () => t });
    t = 300;
    p.update(30, 5);
    p.stop();
    expect(out).toEqual(["\r\x1b[2Kimporting: 30 rows in 0s, 100 rows/s, 50%, about 0s left", "\r\x1b[2Kimporting: 30 rows in 0s, 100 rows/s, 100%", "\n"]);
  });
});
