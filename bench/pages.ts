import type { Browser } from "@playwright/test";
import { pageMetrics, type PageMetrics } from "./browser";
import { rows, sizeLabel, step, type LiveServer } from "./context";

// Every page of the viewer in Chromium at one table size, with the goals that apply to it.

export type PageGoal = { fcpMs?: number; htmlBytes?: number; heapBytes?: number };
export type BenchPage = { name: string; path: string; goal: PageGoal };

const KB = 1024;
const MB = 2 ** 20;

function pageRows(section: string, p: BenchPage, m: PageMetrics) {
  if (m.status !== 200) {
    rows.push({ section, figure: `${p.name}`, value: `HTTP ${m.status}`, unit: "", goal: "200", pass: false });
    return;
  }
  const fcp = m.fcpMs === null ? "no paint" : Math.round(m.fcpMs);
  const fcpGoal = p.goal.fcpMs;
  rows.push({
    section,
    figure: `${p.name}: first contentful paint`,
    value: fcp,
    unit: m.fcpMs === null ? "" : "ms",
    ...(fcpGoal && { goal: `<= ${fcpGoal / 1000} s`, pass: m.fcpMs !== null && m.fcpMs <= fcpGoal }),
  });
  const htmlGoal = p.goal.htmlBytes;
  rows.push({
    section,
    figure: `${p.name}: HTML (as sent: ${Math.round(m.htmlTransferBytes / KB)} KB)`,
    value: Math.round(m.htmlBytes / KB),
    unit: "KB",
    ...(htmlGoal && { goal: `<= ${htmlGoal / KB} KB`, pass: m.htmlBytes <= htmlGoal }),
  });
  const heapGoal = p.goal.heapBytes;
  rows.push({
    section,
    figure: `${p.name}: JS heap used once loaded (load event after ${Math.round(m.loadMs)} ms)`,
    value: Math.round((m.jsHeapBytes / MB) * 10) / 10,
    unit: "MB",
    ...(heapGoal && { goal: `<= ${heapGoal / MB} MB`, pass: m.jsHeapBytes <= heapGoal }),
  });
}

/** One load in Chromium; a load that fails (the server exited under it, say) is a row saying so. */
async function measure(browser: Browser, live: LiveServer, section: string, p: BenchPage) {
  try {
    pageRows(section, p, await pageMetrics(browser, `${live.app.url}${p.path}`, live.app.headers));
  } catch (err) {
    rows.push({ section, figure: p.name, value: `failed: ${(err as Error).message.split("\n")[0]}`, unit: "", goal: "200", pass: false });
  }
  if (!(await live.survived(`a load of ${p.name}`))) {
    rows.push({ section, figure: `${p.name}: the server exited`, value: "yes", unit: "", goal: "no exit", pass: false });
  }
}

/** The first page a browser gets from a server just started: nothing warmed up yet. */
export async function firstPageAfterStart(browser: Browser, live: LiveServer, size: number, goalMs: number) {
  const section = `pages at ${sizeLabel(size)} rows (Chromium)`;
  await measure(browser, live, section, { name: "first page after a start (/interactions)", path: "/interactions", goal: { fcpMs: goalMs } });
}

export async function measurePages(browser: Browser, live: LiveServer, size: number, pages: BenchPage[]) {
  const section = `pages at ${sizeLabel(size)} rows (Chromium)`;
  for (const p of pages) {
    step(`Chromium: ${p.name} at ${sizeLabel(size)} rows`);
    await measure(browser, live, section, p);
  }
}

export const GOALS = {
  sessionPage: { fcpMs: 1000, htmlBytes: 500 * KB, heapBytes: 40 * MB },
  bigPackPage: { fcpMs: 1500, htmlBytes: 1 * MB },
  everyPage: { fcpMs: 1500 },
};
