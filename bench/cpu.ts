import { readdirSync, readFileSync } from "node:fs";
import { readStat } from "./proc";

// Where a server's CPU goes, per thread, from /proc: the event loop (the main thread), its
// worker threads (the SQLite write thread), and V8's and libuv's helper threads (GC, the
// thread pool); for each, the time it ran and the time it was ready to run but waited for a
// core (schedstat's run-queue delay). On two shared cores a capture's rate is set by the
// event loop's share of them, so these say what a request costs and who it competes with.

export const THREAD_KINDS = ["event loop", "worker threads", "helpers"] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];
export type CpuTimes = Record<ThreadKind, { ranMs: number; waitedMs: number }>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

export const emptyCpuTimes = (): CpuTimes => Object.fromEntries(THREAD_KINDS.map((k) => [k, { ranMs: 0, waitedMs: 0 }])) as CpuTimes;

/** The process's threads' times so far, by kind (threads that ended meanwhile are left out). */
export function cpuTimes(pid: number): CpuTimes {
  const times = emptyCpuTimes();
  // Worker threads keep the process's name; V8's and libuv's helpers have names of their own.
  const mainName = readStat(`/proc/${pid}/stat`).name;
  for (const entry of readdirSync(`/proc/${pid}/task`)) {
    try {
      const { name, fields } = readStat(`/proc/${pid}/task/${entry}/stat`);
      const [, waitedNs] = readFileSync(`/proc/${pid}/task/${entry}/schedstat`, "utf8").split(" ");
      const kind: ThreadKind = Number(entry) === pid ? "event loop" : name === mainName ? "worker threads" : "helpers";
      times[kind].ranMs += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      times[kind].waitedMs += Number(waitedNs) / 1e6;
    } catch {
      // the thread ended meanwhile
    }
  }
  return times;
}

/** b - a, added to `into`. */
export function addCpuDelta(into: CpuTimes, a: CpuTimes, b: CpuTimes) {
  for (const k of THREAD_KINDS) {
    into[k].ranMs += b[k].ranMs - a[k].ranMs;
    into[k].waitedMs += b[k].waitedMs - a[k].waitedMs;
  }
}
