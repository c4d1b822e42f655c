-- The sessions list sorted by turns or by span (last_at - first_at), either way, pages by
-- keyset (key, last_seq) straight from an index (lib/sessions/session-list-sql.ts). A session
-- id prefix is a range of the primary key (BINARY collation: byte order).

-- CreateIndex
CREATE INDEX "sessions_turns_last_seq_idx" ON "sessions"("turns", "last_seq");

-- An expression index: Prisma cannot describe it (schema.prisma says so beside the model).
CREATE INDEX "sessions_span_last_seq_idx" ON "sessions"(("last_at" - "first_at"), "last_seq");
