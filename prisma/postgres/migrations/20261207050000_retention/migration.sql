-- Retention: the twin of prisma/migrations/20261207050000_retention (described there).
CREATE TABLE "retired_rows" (
    "seq" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "row_id" TEXT NOT NULL,
    "retirement" TEXT NOT NULL,
    "link_hash" TEXT,

    CONSTRAINT "retired_rows_pkey" PRIMARY KEY ("seq")
);

CREATE INDEX "retired_rows_kind_row_id_idx" ON "retired_rows"("kind", "row_id");
CREATE INDEX "retired_rows_retirement_idx" ON "retired_rows"("retirement");
