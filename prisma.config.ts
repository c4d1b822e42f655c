// Used by the Prisma CLI only. The app and the tests apply migrations with lib/db/sqlite/migrate.ts,
// which keeps the same _prisma_migrations bookkeeping as `prisma migrate deploy`.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/atocore-audit.db" },
});
