import type { BrokenLink, VerifyFrom, VerifyRun } from "@/lib/audit/verify-chain";
import { execute, processConnection, queryRows, type Connection } from "@/lib/db/connection";
import { Prisma } from "@/lib/generated/prisma/client";

// The chain's last verified state, one row (audit_checkpoint, id 1) shared by every app server:
// the badge renders from it without verifying anything, and the next verification continues
// from its link. It only moves forward, and only to a head a verification reached from the
// state it started from, so two servers verifying at once cannot move it onto links neither
// has checked: the second one's update finds the row changed and leaves it.

export type Checkpoint = {
  /** The last verified link (0 and the genesis hash before any verification). */
  link: number;
  hash: string;
  links_verified: number;
  interactions_seq: number;
  unchained: { count: number; sample_ids: string[] };
  /** The first broken link the last verification found, until a verification covering it passes. */
  broken: BrokenLink | null;
  verified_at: string | null;
  full_verified_at: string | null;
};

type Row = {
  link_seq: number;
  link_hash: string;
  links_verified: number;
  interactions_seq: number;
  unchained_count: number;
  unchained_sample: string;
  broken: string | null;
  verified_at: number | null;
  full_verified_at: number | null;
};

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export async function readCheckpoint(c: Connection = processConnection()): Promise<Checkpoint> {
  const [r] = await queryRows<Row>(c, Prisma.sql`SELECT * FROM audit_checkpoint WHERE id = 1`);
  return {
    link: r.link_seq,
    hash: r.link_hash,
    links_verified: r.links_verified,
    interactions_seq: r.interactions_seq,
    unchained: { count: r.unchained_count, sample_ids: JSON.parse(r.unchained_sample) as string[] },
    broken: r.broken === null ? null : (JSON.parse(r.broken) as BrokenLink),
    verified_at: iso(r.verified_at),
    full_verified_at: iso(r.full_verified_at),
  };
}

/** Where the next verification starts: the checkpoint's link, or the genesis if there is none yet. */
export function verifyFrom(cp: Checkpoint): VerifyFrom | null {
  if (cp.link === 0) return null;
  return { link: cp.link, hash: cp.hash, links_verified: cp.links_verified, interactions_seq: cp.interactions_seq, unchained: cp.unchained };
}

/**
 * Stores what a verification found: its head becomes the checkpoint (if the row still holds
 * the state the verification started from; a full one started from the genesis, and may move
 * it to any head not behind it), and the broken link it found, or the clearing of one it
 * covered and found intact.
 */
export async function recordVerification(run: VerifyRun, c: Connection = processConnection()): Promise<void> {
  const now = new Date(run.verified_at);
  const full = run.from === null;
  if (run.head) {
    const h = run.head;
    const startedHere = full ? Prisma.sql`link_seq <= ${h.link}` : Prisma.sql`link_seq = ${run.from!.link} AND link_hash = ${run.from!.hash}`;
    await execute(
      c,
      Prisma.sql`UPDATE audit_checkpoint SET link_seq = ${h.link}, link_hash = ${h.hash}, links_verified = ${run.links_verified},
        interactions_seq = ${run.interactions_seq}, unchained_count = ${run.unchained.count}, unchained_sample = ${JSON.stringify(run.unchained.sample_ids)}
        WHERE id = 1 AND ${startedHere}`,
    );
  }
  const stored = (await readCheckpoint(c)).broken;
  // Verified intact from before the stored broken link to past it: that break is mended.
  const covered = stored !== null && (run.from?.link ?? 0) <= stored.link && (run.head?.link ?? 0) >= stored.link;
  const broken = run.broken ?? (covered ? null : stored);
  await execute(
    c,
    Prisma.sql`UPDATE audit_checkpoint SET broken = ${broken && JSON.stringify(broken)}, verified_at = ${now}
      ${full ? Prisma.sql`, full_verified_at = ${now}` : Prisma.empty} WHERE id = 1`,
  );
}
