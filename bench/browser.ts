import { chromium, type Browser } from "@playwright/test";
import { CHROMIUM_PATH } from "../playwright.config";

// A page as a reviewer's browser gets it: Debian's Chromium through Playwright, one fresh
// context per load (no cache), the page loaded to its `load` event. What it took to show
// something (first-contentful-paint), the HTML document's size as sent and as read, and the JS
// heap the page holds once loaded (CDP Performance.getMetrics, JSHeapUsedSize).

export type PageMetrics = { status: number; fcpMs: number | null; htmlBytes: number; htmlTransferBytes: number; jsHeapBytes: number; loadMs: number };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
}

/** Loads `url` once in a fresh context sending `headers`. */
export async function pageMetrics(browser: Browser, url: string, headers: Record<string, string>): Promise<PageMetrics> {
  const context = await browser.newContext({ extraHTTPHeaders: headers, viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const t0 = performance.now();
    const response = await page.goto(url, { waitUntil: "load", timeout: 180_000 });
    const loadMs = performance.now() - t0;
    // The paint entry may land just after `load`: wait for it a little. A string, not a
    // function: tsx's transform would put helpers into a function that the page lacks.
    const timing = (await page.evaluate(`new Promise((resolve) => {
      const nav = performance.getEntriesByType("navigation")[0];
      const found = () => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
      const done = () => resolve({ fcp: found(), decoded: nav?.decodedBodySize ?? 0, encoded: nav?.encodedBodySize ?? 0 });
      if (found() !== null) return done();
      new PerformanceObserver(done).observe({ type: "paint", buffered: true });
      setTimeout(done, 5000);
    })`)) as { fcp: number | null; decoded: number; encoded: number };
    const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
    const heap = metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0;
    return { status: response?.status() ?? 0, fcpMs: timing.fcp, htmlBytes: timing.decoded, htmlTransferBytes: timing.encoded, jsHeapBytes: heap, loadMs };
  } finally {
    await context.close();
  }
}
