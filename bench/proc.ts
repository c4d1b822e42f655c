import { readFileSync } from "node:fs";

/**
 * A /proc stat file (`/proc/<pid>/stat`, `/proc/<pid>/task/<tid>/stat`): the command's name and
 * the fields after it. The name sits in parentheses and may itself hold spaces or parentheses,
 * so the fields start after the last ")": fields[0] is the state, [2] the process group,
 * [11] and [12] utime and stime in clock ticks.
 */
export function readStat(file: string): { name: string; fields: string[] } {
  const stat = readFileSync(file, "utf8");
  const close = stat.lastIndexOf(")");
  return { name: stat.slice(stat.indexOf("(") + 1, close), fields: stat.slice(close + 2).split(" ") };
}
