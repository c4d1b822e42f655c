// `npm run migrate`: applies pending migrations to DATABASE_URL (the server also does this
// on start; this is for operators who want it as a separate step).
import { migrateOnStart } from "@/lib/db/migrate-on-start";

await migrateOnStart();
