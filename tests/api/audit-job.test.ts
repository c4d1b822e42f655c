import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VerifyJob } from "@/lib/audit/verify-job";
import type { VerifyResponse } from "@/lib/audit/verify-now";
import { BIG_BODY_ENV, captureMany } from "../helpers/chained-rows";
import { startServer, type RunningServer } from "../helpers/server";

// A full verification on a server of its own, with a chain long enough that the verification
// takes a while: pages answer while it runs (they render from the stored result), and the
// answer of GET /api/audit/verify carries its progress and, once done, its result.
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: BIG_BODY_ENV });
  await captureMany(server.fetch, 20_000);
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

const start = async () => {
  const res = await server.fetch("/api/audit/verify", { method: "POST" });
  expect(res.status).toBe(202);
  return ((await res.json()) as { job: VerifyJob }).job;
};
const auditPage = async () => {
  const res = await server.fetch("/audit");
  expect(res.status).toBe(200);
  return res.text();
};

describe("full verification in the background", () => {
  it("pages answer while it runs, rendering the badge from the last result; the API then reports its result", async () => {
    const job = await start();
    expect(job).toMatchObject({ state: "running", finished_at: null, result: null });
    // Each page is answered before the job ends: /audit shows it still running after each one.
    const during = await auditPage();
    expect(during).toContain('data-testid="verify-progress"');
    const list = await server.fetch("/interactions");
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('data-testid="audit-badge"');
    expect(await auditPage()).toContain('data-testid="verify-progress"');
    // Asking again while it runs finds the same job.
    expect((await start()).started_at).toBe(job.started_at);

    // Followed on /audit (a verification through the API meanwhile would be one more run).
    let page = "";
    do {
      await new Promise((r) => setTimeout(r, 250));
      page = await auditPage();
    } while (page.includes('data-testid="verify-progress"'));
    expect(page).toMatch(/data-testid="verify-result" data-status="ok"/);
    const report = (await (await server.fetch("/api/audit/verify?scope=incremental")).json()) as VerifyResponse;
    expect(report.job).toMatchObject({ state: "done", started_at: job.started_at, error: null, result: { status: "ok", broken: null } });
    expect(report.job!.result!.links_checked).toBeGreaterThanOrEqual(20_000);
    expect(report.job!.at_link).toBe(report.job!.head_link);
    expect(report.checkpoint.link).toBeGreaterThanOrEqual(report.job!.head_link);
    expect(report.checkpoint.full_verified_at! >= report.job!.result!.verified_at).toBe(true);
  }, 300_000);
});
