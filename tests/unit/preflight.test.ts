import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// scripts/preflight.mjs against fakes: PATH holds only fake apt-get, pg_lsclusters,
// pg_ctlcluster, runuser, psql and createuser, which log their arguments and, for apt-get,
// create what a real install would; CHROMIUM_PATH and PREFLIGHT_PG_LIB point into a
// temporary folder. Nothing on the machine is installed, started or removed.
const root = process.getuid?.() === 0;
const user = os.userInfo().username;
let dir = "";

afterEach(() => rmSync(dir, { recursive: true, force: true }));

type Machine = { chromium?: boolean; postgres?: boolean; python?: boolean; font?: boolean; online?: boolean; role?: boolean; aptGet?: boolean };

function fakeMachine(m: Machine) {
  dir = mkdtempSync(path.join(os.tmpdir(), "preflight-"));
  const bin = path.join(dir, "bin");
  const pgLib = path.join(dir, "pglib");
  const chromium = path.join(dir, "chromium");
  const font = path.join(dir, "cjk.ttc");
  const log = path.join(dir, "commands.log");
  mkdirSync(bin);
  mkdirSync(pgLib);
  const script = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\necho "${name} $*" >> ${log}\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  const installPostgres = `/bin/mkdir -p ${pgLib}/15/bin && : > ${pgLib}/15/bin/initdb`;
  const installPython = `printf '#!/bin/sh\\n' > ${bin}/python3 && /bin/chmod +x ${bin}/python3`;
  if (m.chromium) writeFileSync(chromium, "");
  // Most cases are about the required packages: the font is there unless a case says not.
  if (m.font !== false) writeFileSync(font, "");
  if (m.postgres) spawnSync("/bin/sh", ["-c", installPostgres]);
  if (m.python) spawnSync("/bin/sh", ["-c", installPython]);
  if (m.online) writeFileSync(path.join(dir, "online"), "");
  if (m.aptGet !== false) {
    script(
      "apt-get",
      `[ "$1" = install ] || exit 0
for p in "$@"; do case "$p" in
  chromium) : > ${chromium} ;;
  fonts-wqy-microhei) : > ${font} ;;
  postgresql) ${installPostgres} ;;
  python3) ${installPython} ;;
esac; done`,
    );
  }
  script("pg_lsclusters", `if [ -e ${dir}/online ]; then s=online; else s=down; fi; echo "15  main    5432 $s postgres /var/lib/postgresql/15/main /var/log/postgresql/x.log"`);
  script("pg_ctlcluster", `: > ${dir}/online`);
  script("runuser", `while [ "$1" != -- ]; do shift; done; shift; exec "$@"`);
  script("psql", m.role ? "echo 1" : "exit 0");
  script("createuser", "exit 0");
  const run = (extra: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, ["scripts/preflight.mjs"], {
      encoding: "utf8",
      env: { NODE_ENV: "test", PATH: bin, HOME: dir, CHROMIUM_PATH: chromium, PREFLIGHT_PG_LIB: pgLib, PREFLIGHT_CJK_FONT: font, ...extra },
    });
    const commands = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, commands, printed: r.stdout.split("\n").filter((l) => l.startsWith("+ ")) };
  };
  return { run };
}

describe.skipIf(!root)("npm test's preflight as root with apt-get", () => {
  it("installs what is missing, starts the cluster and creates the role, printing each command", () => {
    const r = fakeMachine({}).run();
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.printed).toEqual([
      "+ apt-get update",
      "+ apt-get install -y --no-install-recommends chromium postgresql python3",
      "+ pg_ctlcluster 15 main start",
      `+ runuser -u postgres -- createuser --superuser ${user}`,
    ]);
    expect(r.commands).toEqual([
      "apt-get update",
      "apt-get install -y --no-install-recommends chromium postgresql python3",
      "pg_lsclusters --no-header",
      "pg_ctlcluster 15 main start",
      `runuser -u postgres -- psql -tAc SELECT 1 FROM pg_roles WHERE rolname = '${user}'`,
      "psql -tAc SELECT 1 FROM pg_roles WHERE rolname = '" + user + "'",
      `runuser -u postgres -- createuser --superuser ${user}`,
      `createuser --superuser ${user}`,
    ]);
  });

  it("installs only the missing package and leaves a running cluster and an existing role alone", () => {
    const r = fakeMachine({ chromium: true, postgres: true, online: true, role: true }).run();
    expect(r.status).toBe(0);
    expect(r.printed).toEqual(["+ apt-get update", "+ apt-get install -y --no-install-recommends python3"]);
    expect(r.commands.filter((c) => /^(pg_ctlcluster|createuser|pg_createcluster)/.test(c))).toEqual([]);
  });

  it("installs a font for Japanese and Chinese text when it is all that is missing", () => {
    const r = fakeMachine({ chromium: true, postgres: true, python: true, font: false, online: true, role: true }).run();
    expect(r.status).toBe(0);
    expect(r.printed).toEqual(["+ apt-get update", "+ apt-get install -y --no-install-recommends fonts-wqy-microhei"]);
  });

  it("runs nothing when everything is there", () => {
    const r = fakeMachine({ chromium: true, postgres: true, python: true, online: true, role: true }).run();
    expect(r.status).toBe(0);
    expect(r.printed).toEqual([]);
    expect(r.commands.filter((c) => !/^(pg_lsclusters|runuser .* psql|psql)/.test(c))).toEqual([]);
  });

  it("with PREFLIGHT_DRY_RUN=1 prints the commands and runs none of them", () => {
    const r = fakeMachine({ postgres: true, python: true, online: false, role: true }).run({ PREFLIGHT_DRY_RUN: "1" });
    expect(r.status).toBe(0);
    expect(r.printed).toEqual(["+ apt-get update", "+ apt-get install -y --no-install-recommends chromium", "+ pg_ctlcluster 15 main start"]);
    expect(r.commands.filter((c) => !/^(pg_lsclusters|runuser .* psql|psql)/.test(c))).toEqual([]);
  });

  it("with TEST_POSTGRES_URL leaves clusters alone", () => {
    const r = fakeMachine({ chromium: true, postgres: true, python: true }).run({ TEST_POSTGRES_URL: "postgresql://x@db.example/postgres" });
    expect(r.status).toBe(0);
    expect(r.commands).toEqual([]);
  });
});

describe("npm test's preflight without apt-get", () => {
  it("runs on without a font for Japanese and Chinese text, saying how to add one", () => {
    const r = fakeMachine({ aptGet: false, chromium: true, postgres: true, python: true, font: false, online: true, role: true }).run({
      APT_GET: path.join(os.tmpdir(), "no-such-apt-get"),
      TEST_POSTGRES_URL: "postgresql://x@db.example/postgres",
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("apt-get install fonts-wqy-microhei");
    expect(r.commands).toEqual([]);
  });

  it("stops at once with the exact commands, running nothing", () => {
    const r = fakeMachine({ aptGet: false, postgres: true }).run({ APT_GET: path.join(os.tmpdir(), "no-such-apt-get") });
    expect(r.status).toBe(1);
    expect(r.printed).toEqual([]);
    expect(r.commands).toEqual([]);
    const sudo = root ? "" : "sudo ";
    expect(r.stderr).toContain(`  ${sudo}apt-get update\n  ${sudo}apt-get install -y --no-install-recommends chromium python3\n`);
    expect(r.stderr).toContain("Chromium (the browser tests");
    expect(r.stderr).toContain("python3 (the Python client's tests)");
    expect(r.stderr).not.toContain("PostgreSQL's server");
  });

  it("names the cluster commands when PostgreSQL is missing too", () => {
    const r = fakeMachine({ aptGet: false, chromium: true, python: true }).run({ APT_GET: path.join(os.tmpdir(), "no-such-apt-get") });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("apt-get install -y --no-install-recommends postgresql\n");
    expect(r.stderr).toContain("pg_ctlcluster 15 main start");
    expect(r.stderr).toContain(`createuser --superuser ${user}`);
  });
});
