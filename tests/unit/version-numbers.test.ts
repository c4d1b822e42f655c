import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { VersionNumbers } from "@/lib/db/sqlite/version-numbers";

const md5 = (text: string) => createHash("md5").update(text).digest();

describe("VersionNumbers", () => {
  it("numbers versions in the order met, offered from 1 up and unoffered from -1 down", () => {
    const n = new VersionNumbers();
    const a = md5("a");
    const seen = (kind: 0 | 1, offered: boolean, id: string, bytes: Buffer, at = 0) => {
      const number = n.sighted(kind, id, bytes, at, 0, offered, false, offered ? 1 : 0);
      return [number, n.fresh];
    };
    expect(seen(0, true, "mem-1", a)).toEqual([1, true]);
    expect(seen(0, true, "mem-1", a)).toEqual([1, false]);
    // Each part of the key tells versions apart: the kind, offered or not, the id, the digest.
    expect(seen(1, true, "mem-1", a)).toEqual([2, true]);
    expect(seen(0, false, "mem-1", a)).toEqual([-1, true]);
    expect(seen(0, true, "mem-2", a)).toEqual([3, true]);
    expect(seen(0, true, "mem-1", md5("b"))).toEqual([4, true]);
    // The digest is read at its offset in a larger buffer.
    expect(seen(0, true, "mem-1", Buffer.concat([md5("c"), a]), 16)).toEqual([1, false]);
    expect(seen(0, false, "キャッシュ🙂", md5("キャッシュ🙂"))).toEqual([-2, true]);
  });

  it("sums each version's figures: first and last instant, interactions, shares of offers and uses", () => {
    const n = new VersionNumbers();
    const a = md5("a");
    const b = md5("b");
    n.sighted(0, "m", a, 0, 2_000, true, false, 1);
    n.sighted(0, "m", a, 0, 1_000, true, true, 1);
    // One interaction offering two versions of the item gives each half of it.
    n.sighted(0, "m", a, 0, 3_000, true, true, 2);
    n.sighted(0, "m", b, 0, 3_000, true, true, 2);
    n.sighted(1, "c", md5("c"), 0, 5_000, false, true, 0);
    expect([...n.figures()]).toEqual([
      [1, 1_000, 3_000, 3, 2.5, 1.5],
      [2, 3_000, 3_000, 1, 0.5, 0.5],
      [-1, 5_000, 5_000, 1, 0, 1],
    ]);
  });

  it("keeps every number and figure while the table grows past many thousands", () => {
    const n = new VersionNumbers();
    const digests = Array.from({ length: 50_000 }, (_, i) => md5(String(i)));
    const kind = (i: number) => (i % 2) as 0 | 1;
    digests.forEach((d, i) => expect(n.sighted(kind(i), `id-${i % 7}`, d, 0, i, true, false, 1)).toBe(i + 1));
    digests.forEach((d, i) => expect(n.sighted(kind(i), `id-${i % 7}`, d, 0, i + 1, true, true, 1)).toBe(i + 1));
    const figures = [...n.figures()];
    expect(figures).toHaveLength(50_000);
    expect(figures.every(([v, first, last, interactions, offered, used], i) => v === i + 1 && first === i && last === i + 1 && interactions === 2 && offered === 2 && used === 1)).toBe(true);
  });
});
