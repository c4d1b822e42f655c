// Runs once when the server starts: an existing database is upgraded in place before the
// first request is served, however the server was started.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { migrateOnStart } = await import("@/lib/db/migrate-on-start");
  migrateOnStart();
}
