-- CreateTable
CREATE TABLE "interactions" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "response" TEXT NOT NULL DEFAULT '',
    "response_summary" TEXT NOT NULL DEFAULT '',
    "project" TEXT NOT NULL DEFAULT '',
    "client" TEXT NOT NULL DEFAULT '',
    "session_id" TEXT NOT NULL DEFAULT '',
    "memories_used" TEXT NOT NULL DEFAULT '[]',
    "chunks_used" TEXT NOT NULL DEFAULT '[]',
    "context_pack" TEXT NOT NULL DEFAULT '{}',
    "created_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "interaction_uses" (
    "interaction_seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,

    PRIMARY KEY ("interaction_seq", "kind", "item_id"),
    CONSTRAINT "interaction_uses_interaction_seq_fkey" FOREIGN KEY ("interaction_seq") REFERENCES "interactions" ("seq") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "interactions_id_key" ON "interactions"("id");

-- CreateIndex
CREATE INDEX "interactions_created_at_seq_idx" ON "interactions"("created_at", "seq");

-- CreateIndex
CREATE INDEX "interactions_project_created_at_seq_idx" ON "interactions"("project", "created_at", "seq");

-- CreateIndex
CREATE INDEX "interactions_client_created_at_seq_idx" ON "interactions"("client", "created_at", "seq");

-- CreateIndex
CREATE INDEX "interactions_session_id_created_at_seq_idx" ON "interactions"("session_id", "created_at", "seq");

-- CreateIndex
CREATE INDEX "interactions_project_client_created_at_seq_idx" ON "interactions"("project", "client", "created_at", "seq");

-- CreateIndex
CREATE INDEX "interaction_uses_kind_item_id_created_at_interaction_seq_idx" ON "interaction_uses"("kind", "item_id", "created_at", "interaction_seq");
