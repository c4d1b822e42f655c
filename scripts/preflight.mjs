// The first step of `npm test`: what npm cannot install (Chromium for the browser tests,
// PostgreSQL for the PostgreSQL pass, python3 for the Python client's tests) is checked before
// anything runs. As root with apt-get (a fresh container, CI) the missing packages are
// installed and the cluster is started with a role for this OS user, each command printed
// before it runs; anywhere else the run stops at once with the exact commands to type.
// scripts/check-postgres.ts then checks the cluster from the tests' side.
//
// A font for Japanese and Chinese text is installed the same way when it can be, not required:
// without one Chromium draws such text as boxes, and the screenshots show nothing of it.
//
// Paths and the apt-get to run come from the environment, so tests can run this against
// fakes: CHROMIUM_PATH, PREFLIGHT_PG_LIB (default /usr/lib/postgresql), PREFLIGHT_CJK_FONT,
// APT_GET (default apt-get on PATH), PREFLIGHT_DRY_RUN=1 (print the commands, run none).
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const env = process.env;
const chromium = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const pgLib = env.PREFLIGHT_PG_LIB ?? "/usr/lib/postgresql";
const cjkFont = env.PREFLIGHT_CJK_FONT ?? "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
const dryRun = env.PREFLIGHT_DRY_RUN === "1";
const isRoot = process.getuid?.() === 0;
const user = os.userInfo().username;

/** An executable on PATH (or the path itself when it has a slash), else null. */
function which(command) {
  const candidates = command.includes("/") ? [command] : (env.PATH ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, command));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** PostgreSQL major versions whose server binaries are installed, newest first. */
function postgresVersions() {
  if (!existsSync(pgLib)) return [];
  return readdirSync(pgLib)
    .filter((v) => existsSync(path.join(pgLib, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
}

// The cluster is set up here only for the default one (TEST_POSTGRES_URL names another,
// whose owner runs it); the crash test's private cluster needs the binaries either way.
const ownCluster = env.TEST_POSTGRES_URL === undefined;

function missingPackages() {
  const missing = [];
  if (!existsSync(chromium)) missing.push("chromium");
  if (!env.PG_BINDIR && postgresVersions().length === 0) missing.push("postgresql");
  if (!which("python3")) missing.push("python3");
  return missing;
}

function run(argv, { capture = false } = {}) {
  console.log(`+ ${argv.join(" ")}`);
  if (dryRun) return "";
  const r = spawnSync(argv[0], argv.slice(1), {
    stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
    env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
    cwd: "/",
  });
  if (r.status !== 0) {
    console.error(`npm test: '${argv.join(" ")}' failed (${r.error?.message ?? `exit ${r.status}`}).`);
    process.exit(1);
  }
  return r.stdout ?? "";
}

/** A query whose answer decides a step: not printed, run even in a dry run (it changes nothing). */
function ask(argv) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], cwd: "/" });
  return r.status === 0 ? r.stdout.trim() : null;
}

const asPostgres = (argv) => (isRoot ? ["runuser", "-u", "postgres", "--", ...argv] : ["sudo", "-u", "postgres", ...argv]);

/** The main cluster as [version, status], from pg_lsclusters. */
function mainCluster() {
  const listed = ask(["pg_lsclusters", "--no-header"]) ?? "";
  const line = listed.split("\n").map((l) => l.trim().split(/\s+/)).find((cols) => cols[1] === "main");
  return line ? [line[0], line[3]] : null;
}

function installMissing(missing) {
  const aptGet = env.APT_GET ?? "apt-get";
  run([aptGet, "update"]);
  run([aptGet, "install", "-y", "--no-install-recommends", ...missing]);
}

function ensureCluster() {
  let cluster = mainCluster();
  if (!cluster) {
    const version = postgresVersions()[0] ?? "15";
    run(["pg_createcluster", version, "main"]);
    cluster = mainCluster() ?? [version, "down"];
  }
  const [version, status] = cluster;
  if (status !== "online") run(["pg_ctlcluster", version, "main", "start"]);
  const hasRole = ask(asPostgres(["psql", "-tAc", `SELECT 1 FROM pg_roles WHERE rolname = '${user.replaceAll("'", "''")}'`]));
  if (hasRole !== "1") run(asPostgres(["createuser", "--superuser", user]));
}

function stopWithInstructions(missing) {
  const sudo = isRoot ? "" : "sudo ";
  const version = postgresVersions()[0] ?? "15";
  const lines = [
    `${sudo}apt-get update`,
    `${sudo}apt-get install -y --no-install-recommends ${missing.join(" ")}`,
    ...(missing.includes("postgresql") && ownCluster
      ? [`${sudo}pg_ctlcluster ${version} main start   # the version pg_lsclusters shows`, `${asPostgres(["createuser", "--superuser", user]).join(" ")}`]
      : []),
  ];
  const why = {
    chromium: `Chromium (the browser tests; looked for ${chromium}, CHROMIUM_PATH changes it)`,
    postgresql: "PostgreSQL's server (the PostgreSQL pass and the crash test's own cluster; PG_BINDIR names other binaries)",
    python3: "python3 (the Python client's tests)",
  };
  console.error(
    `npm test needs what npm cannot install:\n${missing.map((m) => `  - ${why[m]}`).join("\n")}\n\n` +
      `Install it with:\n${lines.map((l) => `  ${l}`).join("\n")}\n\nthen run npm test again. ` +
      `(Run as root on a machine with apt-get, npm test does this itself.) Never use npx playwright install: ` +
      `it downloads a browser from a host these machines cannot reach.`,
  );
  process.exit(1);
}

const missing = missingPackages();
const canInstall = isRoot && which(env.APT_GET ?? "apt-get") !== null;
const font = existsSync(cjkFont) ? [] : ["fonts-wqy-microhei"];
if (font.length > 0 && !canInstall) {
  console.log(`npm test: no font for Japanese and Chinese text (${cjkFont}); screenshots draw it as boxes. apt-get install fonts-wqy-microhei adds one.`);
}
if (missing.length > 0 || (font.length > 0 && canInstall)) {
  if (!canInstall) stopWithInstructions(missing);
  console.log(`npm test: installing what npm cannot: ${[...missing, ...font].join(", ")}`);
  installMissing([...missing, ...font]);
  const still = dryRun ? [] : missingPackages();
  if (still.length > 0) {
    console.error(`npm test: still missing after apt-get install: ${still.join(", ")}.`);
    stopWithInstructions(still);
  }
}
// Debian's package creates and starts the main cluster; this starts it again after a reboot.
if (canInstall && ownCluster && (postgresVersions().length > 0 || dryRun)) ensureCluster();
