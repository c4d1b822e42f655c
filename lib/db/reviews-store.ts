import type { ReviewStore } from "@/lib/db/contract/reviews";
import { sqlDialect } from "@/lib/db/dialect";
import { postgresReviewStore } from "@/lib/db/postgres/reviews";
import { sqliteReviewStore } from "@/lib/db/sqlite/reviews";

/** The reviews' store of the database in use (becomes database().reviews with lib/db/database.ts). */
export function reviewStore(): ReviewStore {
  return sqlDialect() === "postgres" ? postgresReviewStore : sqliteReviewStore;
}
