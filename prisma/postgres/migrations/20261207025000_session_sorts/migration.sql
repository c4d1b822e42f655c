-- The twin of SQLite's 20261207025000_session_sorts: the sessions list sorted by turns or by
-- span pages by keyset (key, last_seq) from an index; the span in epoch ms, as the list's SQL
-- writes it (lib/sessions/session-list-sql.ts). A session id prefix is a byte-order range:
-- the primary key follows the database's collation, so a "C" index serves it.

-- CreateIndex
CREATE INDEX "sessions_turns_last_seq_idx" ON "sessions"("turns", "last_seq");

CREATE INDEX "sessions_span_last_seq_idx" ON "sessions"(((extract(epoch FROM ("last_at" - "first_at")) * 1000)::bigint), "last_seq");

CREATE INDEX "sessions_session_id_c_idx" ON "sessions"("session_id" COLLATE "C");
