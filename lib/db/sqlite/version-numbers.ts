// The item index backfill numbers each item's versions as it reads them, in the order first
// sighted (seq, then the pack's order), as the capture path numbers them, and sums each
// version's figures as it goes: the migration then neither looks a sighting's version up in
// item_versions' index nor groups tens of millions of sightings by version, two steps that grew
// worse than linearly with the file.
//
// A version is keyed by its kind, whether it was offered, a 16-byte digest (its content's MD5;
// for an item used without being offered, its id's) and a 32-bit hash of its id. The table
// lives outside the JavaScript heap (the migration runs in a server whose old space is capped)
// and holds about as many entries as item_versions gets rows.

const WORDS = 8; // digest (4), id hash, flags, entry, unused
const OCCUPIED = 4;

/** FNV-1a over the string's UTF-16 code units. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A version's figures, as the backfill's temporary table of versions holds them. */
export const VERSION_FIGURE_COLUMNS = ["version", "first_seen", "last_seen", "interactions", "offered", "used"];

export class VersionNumbers {
  private slots = new Uint32Array(WORDS * 1024);
  // Per entry, in the order met: its number and figures.
  private numbers = new Int32Array(512);
  private firstSeen = new Float64Array(512);
  private lastSeen = new Float64Array(512);
  private interactions = new Uint32Array(512);
  private offeredShare = new Float64Array(512);
  private usedShare = new Float64Array(512);
  private offered = 0;
  private unoffered = 0;
  /** Whether the last version `sighted` was met for the first time. */
  fresh = false;

  /**
   * Counts one sighting of a version in an interaction at `createdAt` that offers `versions`
   * versions of the item (used without being offered: 0), and returns the version's number: a
   * new one the first time it is met (offered: 1, 2, ...; used without being offered: -1, -2,
   * ...), else the one it got then. The digest is 16 bytes of `bytes` from `at`.
   */
  sighted(kind: 0 | 1, id: string, bytes: Uint8Array, at: number, createdAt: number, offered: boolean, used: boolean, versions: number): number {
    const e = this.entry(kind, offered, id, bytes, at);
    if (this.fresh) {
      this.numbers[e] = offered ? ++this.offered : -++this.unoffered;
      this.firstSeen[e] = createdAt;
      this.lastSeen[e] = createdAt;
    } else {
      if (createdAt < this.firstSeen[e]) this.firstSeen[e] = createdAt;
      if (createdAt > this.lastSeen[e]) this.lastSeen[e] = createdAt;
    }
    this.interactions[e]++;
    const share = 1 / Math.max(versions, 1);
    if (offered) this.offeredShare[e] += share;
    if (used) this.usedShare[e] += share;
    return this.numbers[e];
  }

  /** Every version's figures (VERSION_FIGURE_COLUMNS), in the order met. */
  *figures(): Generator<unknown[]> {
    for (let e = 0; e < this.offered + this.unoffered; e++) {
      yield [this.numbers[e], this.firstSeen[e], this.lastSeen[e], this.interactions[e], this.offeredShare[e], this.usedShare[e]];
    }
  }

  /** The version's entry; `fresh` tells whether it was just made. */
  private entry(kind: 0 | 1, offered: boolean, id: string, bytes: Uint8Array, at: number): number {
    const count = this.offered + this.unoffered;
    if (2 * (count + 1) > this.slots.length / WORDS) this.grow();
    const d0 = word(bytes, at);
    const d1 = word(bytes, at + 4);
    const d2 = word(bytes, at + 8);
    const d3 = word(bytes, at + 12);
    const h = idHash(id);
    const flags = OCCUPIED | (offered ? 2 : 0) | kind;
    const mask = this.slots.length / WORDS - 1;
    const s = this.slots;
    for (let i = (d0 ^ h) & mask; ; i = (i + 1) & mask) {
      const o = i * WORDS;
      if (s[o + 5] === 0) {
        s.set([d0, d1, d2, d3, h, flags, count], o);
        this.fresh = true;
        return count;
      }
      if (s[o] === d0 && s[o + 1] === d1 && s[o + 2] === d2 && s[o + 3] === d3 && s[o + 4] === h && s[o + 5] === flags) {
        this.fresh = false;
        return s[o + 6];
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    const mask = this.slots.length / WORDS - 1;
    for (let o = 0; o < old.length; o += WORDS) {
      if (old[o + 5] === 0) continue;
      let i = (old[o] ^ old[o + 4]) & mask;
      while (this.slots[i * WORDS + 5] !== 0) i = (i + 1) & mask;
      this.slots.set(old.subarray(o, o + WORDS), i * WORDS);
    }
    const n = this.slots.length / WORDS / 2;
    this.numbers = widened(this.numbers, new Int32Array(n));
    this.firstSeen = widened(this.firstSeen, new Float64Array(n));
    this.lastSeen = widened(this.lastSeen, new Float64Array(n));
    this.interactions = widened(this.interactions, new Uint32Array(n));
    this.offeredShare = widened(this.offeredShare, new Float64Array(n));
    this.usedShare = widened(this.usedShare, new Float64Array(n));
  }
}

function widened<T extends Int32Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

function word(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}
