// DATABASE_URL picks the database: postgres:// or postgresql:// is PostgreSQL (several app
// servers on one database); anything else (file:..., a bare path, unset) is the embedded SQLite.
export type DatabaseKind = "sqlite" | "postgres";

export function databaseKindOf(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite";
}
