-- When the client says a turn happened (occurred_at), beside when it arrived (created_at): a
-- turn spooled while the server was down arrives late. NULL when the client did not say.
ALTER TABLE "interactions" ADD COLUMN "occurred_at" TIMESTAMPTZ(3);

-- A session's turns are read in the order they happened: COALESCE(occurred_at, created_at),
-- then seq. This index keeps that read (a window, a turn's neighbours, its number) a range walk.
-- It carries both times, so finding turn N (an offset into the session) reads the index alone
-- (an index-only scan) instead of sorting the session's rows.
CREATE INDEX "interactions_session_id_turn_at_seq_idx" ON "interactions"("session_id", (COALESCE("occurred_at", "created_at")), "seq")
    INCLUDE ("occurred_at", "created_at");
