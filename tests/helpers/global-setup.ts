import type { TestProject } from "vitest/node";
import { startServer } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    databaseKind: "sqlite" | "postgres";
    token: string;
  }
}

// One real server on a fresh temporary database for the API test files; each test uses
// its own random data, so the files can share it and run in parallel.
export default async function setup(project: TestProject) {
  // @ts-expect-error plain .mjs module without types
  const { ensureBuild } = await import("../../scripts/build-state.mjs");
  ensureBuild({ quiet: true });
  // A 1 MiB body limit, which the capture, batch and hook tests exercise with bodies just over
  // it: at the 16 MiB default each such test would send 16 MiB. The defaults (body limit and
  // body budget) are tested on a server of their own (tests/api/big-packs.test.ts).
  const server = await startServer({ env: { MAX_BODY_BYTES: String(1024 * 1024), MAX_STRING_CHARS: String(1024 * 1024) } });
  project.provide("baseUrl", server.url);
  project.provide("databaseUrl", server.databaseUrl);
  project.provide("databaseKind", server.databaseKind);
  project.provide("token", server.token);
  return async () => {
    await server.stop();
  };
}
