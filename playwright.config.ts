import { defineConfig } from "@playwright/test";

// Debian's Chromium (apt-get install -y chromium); Playwright's own browser download
// cannot reach its host from our machines.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  globalSetup: "./tests/e2e/global-setup.ts",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    // Signed in by default (tests/e2e/global-setup.ts): pages carry the viewer's cookie and
    // every request a bearer token. tests/helpers/auth.ts shows how a test opts out.
    storageState: process.env.E2E_STORAGE_STATE,
    extraHTTPHeaders: process.env.E2E_TOKEN ? { authorization: `Bearer ${process.env.E2E_TOKEN}` } : undefined,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // One browser project; the screenshot tests switch colour scheme and viewport themselves
  // (light and dark, laptop and phone) rather than running every test four times.
  projects: [{ name: "chromium", use: { colorScheme: "light", viewport: { width: 1280, height: 800 } } }],
});
