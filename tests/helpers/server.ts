import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { databaseKindOf } from "@/lib/db/database-kind";
import { sqliteFileFromUrl } from "@/lib/db/sqlite/file";
import { tokenFor, withAuth, type AuthOption } from "./auth";
import { tempDbFile } from "./temp-db-file";
import { createTestDatabase, TEST_DATABASE_PREFIX, type TestDatabaseKind } from "./test-database";

export { tempDbFile };

export type RunningServer = {
  url: string;
  /** Which database the server runs on (TEST_DATABASE, tests/helpers/test-database.ts). */
  databaseKind: TestDatabaseKind;
  /** The server's DATABASE_URL. */
  databaseUrl: string;
  /** The SQLite file ("" on PostgreSQL). */
  dbFile: string;
  port: number;
  /** A token with every scope, created in this server's database before it started. */
  token: string;
  /** `{ authorization: "Bearer <token>" }`, for a raw fetch to this server. */
  headers: Record<string, string>;
  /** fetch(url + path) with the token (pass `auth: false` or another token to opt out). */
  fetch: (path: string, init?: RequestInit & AuthOption) => Promise<Response>;
  logs: () => string;
  /** Closes the pipes the server writes its log lines into, as a log reader that dies does. */
  closeOutput: () => void;
  /** The process id of `next start` (the leader of its process group). */
  pid: number;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

// Tests write and delete freely, so they must never point at a real database: a SQLite file
// under the temporary folder, or a PostgreSQL database named by createTestDatabase().
function assertTemporary(databaseUrl: string) {
  if (databaseKindOf(databaseUrl) === "postgres") {
    const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
    if (!name.startsWith(TEST_DATABASE_PREFIX)) throw new Error(`Refusing to run tests against a database not named ${TEST_DATABASE_PREFIX}*: ${name}`);
    return;
  }
  const tmp = path.resolve(os.tmpdir());
  const file = sqliteFileFromUrl(databaseUrl);
  if (!file.startsWith(tmp + path.sep)) {
    throw new Error(`Refusing to run tests against a database outside ${tmp}: ${file}`);
  }
}

async function waitForHealth(url: string, child: ChildProcess, logs: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${logs()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become healthy:\n${logs()}`);
}

/**
 * Starts the production build (`next start`) on a fresh temporary database (SQLite, or
 * PostgreSQL under TEST_DATABASE=postgres, dropped again by stop()); `dbFile` reuses a
 * SQLite file, `databaseUrl` any database.
 */
export async function startServer(
  opts: {
    env?: Record<string, string>;
    dbFile?: string;
    databaseUrl?: string;
    /** start as a fresh install would: no token made */ noToken?: boolean;
  } = {},
): Promise<RunningServer> {
  const given = opts.dbFile ? `file:${opts.dbFile}` : opts.databaseUrl;
  if (given) assertTemporary(given);
  const own = given ? undefined : await createTestDatabase();
  const databaseUrl = given ?? own!.url;
  const databaseKind = databaseKindOf(databaseUrl);
  const dbFile = databaseKind === "sqlite" ? sqliteFileFromUrl(databaseUrl) : "";
  let token = "";
  try {
    if (!opts.noToken) token = await tokenFor(databaseUrl);
  } catch (err) {
    await own?.drop();
    throw err;
  }
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      ...opts.env,
    },
    // Own process group, so stop() ends next-server and anything it spawned.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const logs = () => output;
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return own?.drop();
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid!, signal);
    } catch {
      return own?.drop();
    }
    await exited;
    await own?.drop();
  };
  try {
    await waitForHealth(url, child, logs);
  } catch (err) {
    await stop("SIGKILL");
    throw err;
  }
  const fetchWithToken = (p: string, { auth, ...init }: RequestInit & AuthOption = {}) =>
    fetch(`${url}${p}`, { ...init, headers: withAuth(init.headers, auth ?? (token || false)) });
  return {
    url,
    databaseKind,
    databaseUrl,
    dbFile,
    port,
    token,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    fetch: fetchWithToken,
    logs,
    closeOutput: () => {
      child.stdout!.destroy();
      child.stderr!.destroy();
    },
    pid: child.pid!,
    stop,
  };
}
