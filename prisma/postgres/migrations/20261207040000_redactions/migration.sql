-- Redactions (lib/redactions/): one row per part of an interaction whose content was replaced by
-- a marker, with the SHA-256 of what was removed; its `redaction` link in audit_chain has the
-- row's id in `fields`. created_at is epoch ms, as the link covers it.
CREATE TABLE "interaction_redactions" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "interaction_id" TEXT NOT NULL,
    "pointer" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL,
    "base" TEXT NOT NULL
);

CREATE UNIQUE INDEX "interaction_redactions_interaction_id_pointer_key" ON "interaction_redactions"("interaction_id", "pointer");
