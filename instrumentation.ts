// Runs once when the server starts: an existing database is upgraded in place before the
// first request is served, however the server was started; then access is prepared, and what
// the first page views would wait for starts in the background, with retention (RETENTION_DAYS).
// Each request is stamped with its socket's address first (lib/auth/client-address.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stampPeerAddresses } = await import("@/lib/auth/client-address");
  stampPeerAddresses();
  const { migrateOnStart } = await import("@/lib/db/migrate-on-start");
  const { closeDatabaseOnExit } = await import("@/lib/db/close-on-exit");
  const { prepareAccess } = await import("@/lib/auth/prepare-access");
  const { warmUp } = await import("@/lib/warm-up");
  const { startRetentionJob } = await import("@/lib/retention/retention-job");
  await migrateOnStart();
  closeDatabaseOnExit();
  await prepareAccess();
  warmUp();
  startRetentionJob();
}
