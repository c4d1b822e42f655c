import { startServer } from "../helpers/server";

// Starts the real production server on a fresh temporary database for the browser tests
// and hands its address to them through E2E_BASE_URL / E2E_DB_FILE.
export default async function globalSetup() {
  // @ts-expect-error plain .mjs module without types
  const { ensureBuild } = await import("../../scripts/build-state.mjs");
  ensureBuild({ quiet: true });
  const server = await startServer();
  process.env.E2E_BASE_URL = server.url;
  process.env.E2E_DB_FILE = server.dbFile;
  return async () => {
    await server.stop();
  };
}
