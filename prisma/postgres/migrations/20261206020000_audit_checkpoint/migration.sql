-- The last verified state of the hash chain, one row shared by every app server: the link
-- verified last (its seq and hash, from which the next verification continues), the rows
-- looked at for links, and the first broken link the last verification found, if any.
-- Advanced only by a verification that started from it (or from the genesis).
CREATE TABLE "audit_checkpoint" (
    "id" INTEGER NOT NULL,
    "link_seq" INTEGER NOT NULL,
    "link_hash" TEXT NOT NULL,
    "links_verified" INTEGER NOT NULL,
    "interactions_seq" INTEGER NOT NULL,
    "unchained_count" INTEGER NOT NULL,
    "unchained_sample" TEXT NOT NULL,
    "broken" TEXT,
    "verified_at" TIMESTAMPTZ(3),
    "full_verified_at" TIMESTAMPTZ(3),

    CONSTRAINT "audit_checkpoint_pkey" PRIMARY KEY ("id")
);

INSERT INTO "audit_checkpoint" ("id", "link_seq", "link_hash", "links_verified", "interactions_seq", "unchained_count", "unchained_sample")
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0, 0, 0, '[]');
