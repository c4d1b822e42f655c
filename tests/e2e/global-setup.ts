import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SESSION_COOKIE } from "@/lib/auth/credentials";
import { startServer } from "../helpers/server";

// Starts the real production server on a fresh temporary database (SQLite, or PostgreSQL
// under TEST_DATABASE=postgres) for the browser tests and hands its address to them through
// E2E_BASE_URL / E2E_DATABASE_URL. The PostgreSQL pass writes its screenshots beside the
// SQLite ones, in tests/output/postgres/, so the two can be compared. Every page and request
// is signed in by default (playwright.config.ts reads E2E_STORAGE_STATE and E2E_TOKEN);
// tests/helpers/auth.ts says how a test opts out.
export default async function globalSetup() {
  // @ts-expect-error plain .mjs module without types
  const { ensureBuild } = await import("../../scripts/build-state.mjs");
  ensureBuild({ quiet: true });
  const server = await startServer();
  const storageState = path.join(mkdtempSync(path.join(os.tmpdir(), "atocore-e2e-")), "storage-state.json");
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
  process.env.E2E_DATABASE_URL = server.databaseUrl;
  process.env.E2E_OUTPUT_DIR = server.databaseKind === "postgres" ? "tests/output/postgres" : "tests/output";
  process.env.E2E_TOKEN = server.token;
  process.env.E2E_STORAGE_STATE = storageState;
  return async () => {
    await server.stop();
  };
}
