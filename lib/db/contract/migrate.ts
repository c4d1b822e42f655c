/** Our migrator (Prisma's migration engine is not available): hand-written SQL in Prisma's layout. */
export interface Migrator {
  /** Applies the pending migrations to the database at `url`; the names applied now. */
  apply(url: string): Promise<string[]>;
  /** Where `url` points, for the start-up log line (never a password). */
  location(url: string): Record<string, string>;
}
