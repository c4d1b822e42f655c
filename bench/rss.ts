import { readdirSync, readFileSync } from "node:fs";
import { readStat } from "./proc";

// Peak memory of a server, sampled from /proc every 200 ms: the summed resident set of every
// process in its process group (what the machine gives the service; `next start` may run more
// than one process) and the group leader's own (next-server: what the server itself holds).

export type RssPeak = { group: number; leader: number };

function rssOf(pid: string): number {
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return rss ? Number(rss[1]) * 1024 : 0;
}

function groupRss(pgid: number): RssPeak {
  const now = { group: 0, leader: 0 };
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(readStat(`/proc/${entry}/stat`).fields[2]) !== pgid) continue;
      const rss = rssOf(entry);
      now.group += rss;
      if (Number(entry) === pgid) now.leader = rss;
    } catch {
      // the process ended meanwhile
    }
  }
  return now;
}

export function watchRss(pgid: number) {
  const peak: RssPeak = { group: 0, leader: 0 };
  const sample = () => {
    const now = groupRss(pgid);
    peak.group = Math.max(peak.group, now.group);
    peak.leader = Math.max(peak.leader, now.leader);
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    stop: (): RssPeak => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
