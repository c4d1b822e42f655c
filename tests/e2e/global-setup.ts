import { writeFileSync } from "node:fs";
import path from "node:path";
import { SESSION_COOKIE } from "@/lib/auth/credentials";
import { startServer } from "../helpers/server";

// Starts the real production server on a fresh temporary database for the browser tests
// and hands its address to them through E2E_BASE_URL / E2E_DB_FILE. Every page and request
// is signed in by default (playwright.config.ts reads E2E_STORAGE_STATE and E2E_TOKEN);
// tests/helpers/auth.ts says how a test opts out.
export default async function globalSetup() {
  // @ts-expect-error plain .mjs module without types
  const { ensureBuild } = await import("../../scripts/build-state.mjs");
  ensureBuild({ quiet: true });
  const server = await startServer();
  const storageState = path.join(path.dirname(server.dbFile), "storage-state.json");
  const cookie = {
    name: SESSION_COOKIE,
    value: server.token,
    domain: new URL(server.url).hostname,
    path: "/",
    expires: -1,
    httpOnly: true,
    secure: false,
    sameSite: "Strict" as const,
  };
  writeFileSync(storageState, JSON.stringify({ cookies: [cookie], origins: [] }));
  process.env.E2E_BASE_URL = server.url;
  process.env.E2E_DB_FILE = server.dbFile;
  process.env.E2E_TOKEN = server.token;
  process.env.E2E_STORAGE_STATE = storageState;
  return async () => {
    await server.stop();
  };
}
