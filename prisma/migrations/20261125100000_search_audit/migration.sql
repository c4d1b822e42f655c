-- Completing a partial turn: when its response or summary was added (epoch ms), NULL until then.
ALTER TABLE "interactions" ADD COLUMN "response_added_at" DATETIME;

-- Tamper evidence: an append-only hash chain over captures and completions, in capture order.
-- Written in the same transaction as the row it covers; the interactions rows stay as captured.
CREATE TABLE "audit_chain" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "interaction_id" TEXT NOT NULL,
    "fields" TEXT NOT NULL DEFAULT '',
    "content_hash" TEXT NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL
);

CREATE INDEX "audit_chain_interaction_id_kind_idx" ON "audit_chain"("interaction_id", "kind");

-- Full-text search over prompt, response and summary. An external-content FTS5 table (the
-- text is stored once, in interactions) kept in step by triggers, so every writer, including
-- tools that write SQLite directly, keeps the index right.
CREATE VIRTUAL TABLE "interactions_fts" USING fts5(
    prompt, response, response_summary,
    content='interactions', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER "interactions_fts_insert" AFTER INSERT ON "interactions" BEGIN
    INSERT INTO "interactions_fts"(rowid, prompt, response, response_summary)
    VALUES (new.seq, new.prompt, new.response, new.response_summary);
END;

CREATE TRIGGER "interactions_fts_delete" AFTER DELETE ON "interactions" BEGIN
    INSERT INTO "interactions_fts"("interactions_fts", rowid, prompt, response, response_summary)
    VALUES ('delete', old.seq, old.prompt, old.response, old.response_summary);
END;

CREATE TRIGGER "interactions_fts_update" AFTER UPDATE OF prompt, response, response_summary ON "interactions" BEGIN
    INSERT INTO "interactions_fts"("interactions_fts", rowid, prompt, response, response_summary)
    VALUES ('delete', old.seq, old.prompt, old.response, old.response_summary);
    INSERT INTO "interactions_fts"(rowid, prompt, response, response_summary)
    VALUES (new.seq, new.prompt, new.response, new.response_summary);
END;

-- Index the rows captured before this migration.
INSERT INTO "interactions_fts"("interactions_fts") VALUES ('rebuild');
