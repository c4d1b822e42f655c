-- Retention (lib/retention/): the rows a `retired` link of audit_chain removed, one per retired
-- interaction or review, with the hash of the link that covered it (its capture or review
-- link; NULL for a row the chain never covered). The retired link's content hash covers this
-- list, so the verifier can tell a recorded retirement from a row deleted behind its back.
-- seq only grows: its newest value tells the cached list counts that rows were retired. An id
-- may be listed twice: a client may capture an id again after it was retired.
CREATE TABLE "retired_rows" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "row_id" TEXT NOT NULL,
    "retirement" TEXT NOT NULL,
    "link_hash" TEXT
);

CREATE INDEX "retired_rows_kind_row_id_idx" ON "retired_rows"("kind", "row_id");
CREATE INDEX "retired_rows_retirement_idx" ON "retired_rows"("retirement");
