import type { RedactionStore } from "@/lib/db/contract/redactions";
import { sqlDialect } from "@/lib/db/dialect";
import { postgresRedactions } from "@/lib/db/postgres/redactions";
import { sqliteRedactions } from "@/lib/db/sqlite/redactions";

/** The redaction store of the database in use. */
export const redactionStore = (): RedactionStore => (sqlDialect() === "postgres" ? postgresRedactions : sqliteRedactions);
