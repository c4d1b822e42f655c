import { readdirSync, readFileSync } from "node:fs";

// Where a server's CPU goes, per thread, from /proc: the event loop (the main thread), its
// worker threads (the SQLite write thread), and V8's and libuv's helper threads (GC, the
// thread pool); for each, the time it ran and the time it was ready to run but waited for a
// core (schedstat's run-queue delay). On two shared cores a capture's rate is set by the
// event loop's share of them, so these say what a request costs and who it competes with.

export type ThreadKind = "event loop" | "worker threads" | "helpers";
export type CpuTimes = Record<ThreadKind, { ranMs: number; waitedMs: number }>;

const KINDS: ThreadKind[] = ["event loop", "worker threads", "helpers"];
const TICK_MS = 10; // USER_HZ is 100 on Linux

const empty = (): CpuTimes => Object.fromEntries(KINDS.map((k) => [k, { ranMs: 0, waitedMs: 0 }])) as CpuTimes;

/** The process's threads' times so far, by kind (threads that ended meanwhile are left out). */
export function cpuTimes(pid: number): CpuTimes {
  const times = empty();
  let mainName = "";
  const threads: { tid: number; name: string; ranMs: number; waitedMs: number }[] = [];
  for (const entry of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${entry}/stat`, "utf8");
      // After the name's closing parenthesis: state, ppid, ... utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const [, waitedNs] = readFileSync(`/proc/${pid}/task/${entry}/schedstat`, "utf8").split(" ");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const tid = Number(entry);
      if (tid === pid) mainName = name;
      threads.push({ tid, name, ranMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS, waitedMs: Number(waitedNs) / 1e6 });
    } catch {
      // the thread ended meanwhile
    }
  }
  for (const t of threads) {
    // Worker threads keep the process's name; V8's and libuv's helpers have names of their own.
    const kind: ThreadKind = t.tid === pid ? "event loop" : t.name === mainName ? "worker threads" : "helpers";
    times[kind].ranMs += t.ranMs;
    times[kind].waitedMs += t.waitedMs;
  }
  return times;
}

/** b - a, added to `into`. */
export function addCpuDelta(into: CpuTimes, a: CpuTimes, b: CpuTimes) {
  for (const k of KINDS) {
    into[k].ranMs += b[k].ranMs - a[k].ranMs;
    into[k].waitedMs += b[k].waitedMs - a[k].waitedMs;
  }
}

export const noCpuTimes = empty;
