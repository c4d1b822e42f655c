-- When the client says a turn happened (occurred_at, epoch ms like created_at), beside when it
-- arrived (created_at): a turn spooled while the server was down arrives late. NULL when the
-- client did not say.
ALTER TABLE "interactions" ADD COLUMN "occurred_at" DATETIME;

-- A session's turns are read in the order they happened: COALESCE(occurred_at, created_at),
-- then seq. This index keeps that read (a window, a turn's neighbours, its number) a range walk.
-- Queries must spell the expression exactly so (lib/sessions/turn-order.ts) for SQLite to use it.
CREATE INDEX "interactions_session_id_turn_at_seq_idx" ON "interactions"("session_id", COALESCE("occurred_at", "created_at"), "seq");
