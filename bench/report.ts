import { execSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// The bench's table of figures against goals, printed and written as JSON and Markdown.

export type Row = { section: string; figure: string; value: number | string; unit: string; goal?: string; pass?: boolean };

export function machine() {
  const cpus = os.cpus();
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  };
  return {
    cpu: `${cpus.length} x ${cpus[0]?.model ?? "unknown"}`,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    load_average_at_start: os.loadavg().map((l) => Math.round(l * 100) / 100),
    commit: sh("git rev-parse --short HEAD"),
    note: "2 cores shared with other developers' builds and tests; the load generator runs on the same cores",
  };
}

const show = (v: number | string) => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1)) : v);
const verdict = (r: Row) => (r.pass === undefined ? "" : r.pass ? "ok" : "MISSED");

export function printTable(rows: Row[]) {
  const lines = rows.map((r) => [r.section, r.figure, `${show(r.value)} ${r.unit}`.trim(), r.goal ?? "", verdict(r)]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...lines.map((l) => l[i].length), 4));
  for (const l of lines) console.log(l.map((c, i) => c.padEnd(widths[i])).join("  "));
}

export function writeResults(name: string, data: { mode: string; started: string; seconds: number; machine: object; rows: Row[]; plans: object[]; notes: string[] }) {
  const dir = path.join(import.meta.dirname, "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(data, null, 2) + "\n");
  const md = [
    `# Bench results (${data.mode})`,
    "",
    `Run ${data.started}, ${Math.round(data.seconds)} s. Machine: ${JSON.stringify(data.machine)}`,
    "",
    "| section | figure | value | goal | |",
    "| --- | --- | --- | --- | --- |",
    ...data.rows.map((r) => `| ${r.section} | ${r.figure} | ${show(r.value)} ${r.unit} | ${r.goal ?? ""} | ${verdict(r)} |`),
    "",
    "## Notes",
    "",
    ...data.notes.map((n) => `- ${n}`),
    "",
    "## Query plans (of the SQL the list API runs)",
    "",
    ...data.plans.flatMap((p) => {
      const { name, plan, sql } = p as { name: string; plan: string[]; sql: string };
      return [`### ${name}`, "", "```sql", sql, "```", "", ...plan.map((l) => `    ${l}`), ""];
    }),
  ].join("\n");
  writeFileSync(path.join(dir, `${name}.md`), md);
  return dir;
}
