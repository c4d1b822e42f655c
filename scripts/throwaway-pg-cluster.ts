import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A PostgreSQL cluster of our own, for the crash test: it may stop PostgreSQL with
 * `-m immediate` (a crash: no checkpoint, WAL recovery at the next start) without disturbing
 * anyone else's databases on the machine's shared cluster. It lives in a temporary directory,
 * listens only on a Unix socket in that directory (so no TCP port can collide), trusts local
 * connections as the current OS user, and is deleted by remove(). When the tests run as root,
 * PostgreSQL's own commands run as the `postgres` user (they refuse to run as root).
 */
export type ThrowawayCluster = {
  /** The URL of database `name` in this cluster. */
  url: (name: string) => string;
  start: () => void;
  /** Stops PostgreSQL without a shutdown checkpoint: what a power cut leaves behind, minus the OS cache. */
  crash: () => void;
  remove: () => void;
  log: () => string;
};

function binDir(): string {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error(
      `The PostgreSQL crash rounds need PostgreSQL's server binaries (initdb, pg_ctl) in ${root}/<version>/bin.\n` +
        `Install them with: apt-get install -y postgresql (or set PG_BINDIR).`,
    );
  }
  return path.join(root, newest, "bin");
}

export function createThrowawayCluster(): ThrowawayCluster {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const superuser = os.userInfo().username;
  const dir = mkdtempSync(path.join(os.tmpdir(), "atocore-crash-pg-"));
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "postgresql.log");
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    chownSync(dir, uid, gid);
  }
  const pg = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, command), ...args]] : [path.join(bin, command), args];
    execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"] });
  };
  // -N: initdb skips its own fsyncs (nothing to lose yet); the server itself runs with fsync on.
  pg("initdb", ["-D", data, "-U", superuser, "--auth=trust", "-E", "UTF8", "-N"]);
  const options = `-k ${dir} -c listen_addresses='' -c shared_buffers=16MB -c max_connections=60`;
  return {
    url: (name) => `postgresql://${superuser}@localhost/${name}?host=${dir}`,
    start: () => pg("pg_ctl", ["-D", data, "-l", logFile, "-w", "-o", options, "start"]),
    crash: () => pg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]),
    remove: () => {
      try {
        // Its data is about to be deleted: no need for a shutdown checkpoint.
        pg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
  };
}
