-- Reviews: verdicts, labels and notes on an interaction, one item of its context pack (a JSON
-- Pointer) or a whole session. A review is never edited: a correction or a retraction is a
-- new row whose `supersedes` names the earlier one. Each row is covered by a `review` link of
-- the audit chain, written in the same transaction.
CREATE TABLE "reviews" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "interaction_id" TEXT,
    "pointer" TEXT,
    "session_id" TEXT,
    "verdict" TEXT,
    "retract" BOOLEAN NOT NULL DEFAULT false,
    "labels" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT,
    "author" TEXT NOT NULL,
    "supersedes" TEXT,
    "created_at" DATETIME NOT NULL
);

CREATE UNIQUE INDEX "reviews_id_key" ON "reviews"("id");
CREATE INDEX "reviews_interaction_id_seq_idx" ON "reviews"("interaction_id", "seq");
CREATE INDEX "reviews_session_id_seq_idx" ON "reviews"("session_id", "seq");
CREATE INDEX "reviews_supersedes_idx" ON "reviews"("supersedes");
CREATE INDEX "reviews_created_at_seq_idx" ON "reviews"("created_at", "seq");
CREATE INDEX "reviews_verdict_created_at_seq_idx" ON "reviews"("verdict", "created_at", "seq");
CREATE INDEX "reviews_author_created_at_seq_idx" ON "reviews"("author", "created_at", "seq");

-- The current verdict of each reviewed interaction or session, derived from its current
-- reviews (neither superseded nor retractions) and rewritten in the transaction that adds a
-- review, so that the lists filter and show it with one primary-key probe per row.
CREATE TABLE "review_verdicts" (
    "target_kind" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "labels" TEXT NOT NULL DEFAULT '[]',

    PRIMARY KEY ("target_kind", "target_id")
);
