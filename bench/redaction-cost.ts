// `npx tsx bench/redaction-cost.ts`: what redaction support costs a capture. Per pack size
// (~40 KB, the long session's; ~3 MB, the big pack): the v1 and v2 capture content hashes, the
// secret scan, and the heap the scan of the big pack adds. Then capture throughput through
// storeInteractions on a temporary SQLite file, with the scan on and off (REDACT_SECRETS).
import { execFileSync } from "node:child_process";
import { captureContentHash, type ChainedRow } from "@/lib/audit/canonical-content";
import { captureV2Hash } from "@/lib/audit/redaction-content";
import { realisticTurns, type Turn } from "@/lib/demo/generate-turns";
import { tempDbFile } from "../tests/helpers/temp-db-file";

const spec = { rows: 400, longSessionTurns: 300, bigPack: true, project: 3, days: 5, now: Date.UTC(2026, 11, 1) };

function samples(): { typical: Turn[]; big: Turn } {
  const turns = [...realisticTurns(spec).turns()];
  const bytes = (t: Turn) => JSON.stringify(t.context_pack).length;
  const big = turns.reduce((a, b) => (bytes(a) > bytes(b) ? a : b));
  return { typical: turns.filter((t) => bytes(t) > 30_000 && bytes(t) < 60_000), big };
}

const ms = (f: () => unknown, n: number) => {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - t0) / n;
};

async function costs() {
  const { redactSecrets } = await import("@/lib/redactions/redact-secrets");
  const { typical, big } = samples();
  for (const [name, t, n] of [["40 KB", typical[0], 50], ["3 MB", big, 3]] as const) {
    const row: ChainedRow = { ...t, memories_used: JSON.stringify(t.memories_used), chunks_used: JSON.stringify(t.chunks_used), context_pack: JSON.stringify(t.context_pack), created_at: 0, response_added_at: null, occurred_at: null };
    const v1 = ms(() => captureContentHash(row, new Set()), n);
    const v2 = ms(() => captureV2Hash(row, new Set(), undefined, t.context_pack), n);
    const input = { ...t, id: undefined };
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await redactSecrets(input);
    const scan = (performance.now() - t0) / n;
    const heap = (process.memoryUsage().heapUsed - heap0) / 1e6;
    console.log(`${name} pack (${(row.context_pack.length / 1e3).toFixed(0)} KB): v1 hash ${v1.toFixed(2)} ms, v2 hash ${v2.toFixed(2)} ms, secret scan ${scan.toFixed(1)} ms, heap after scans +${heap.toFixed(1)} MB`);
  }
}

async function throughput() {
  const file = tempDbFile("redaction-bench");
  process.env.DATABASE_URL = `file:${file}`;
  process.env.LOG_LEVEL = "silent";
  (await import("@/lib/db/sqlite/migrate")).migrateSqlite(file);
  const { storeInteractions } = await import("@/lib/interactions/record-interaction");
  const { typical } = samples();
  const inputs = typical.slice(0, 200).map((t) => ({ ...t, id: undefined }));
  const t0 = performance.now();
  for (let i = 0; i < inputs.length; i += 10) await storeInteractions(inputs.slice(i, i + 10).map((input) => ({ input })));
  const s = (performance.now() - t0) / 1000;
  console.log(`REDACT_SECRETS=${process.env.REDACT_SECRETS ?? "1"}: ${inputs.length} captures of ~40 KB packs (10 per request) in ${s.toFixed(2)} s: ${(inputs.length / s).toFixed(0)}/s`);
  await (await import("@/lib/db")).database().connections.close();
}

if (process.argv[2] === "throughput") await throughput();
else {
  await costs();
  for (const flag of ["1", "0"]) {
    process.stdout.write(execFileSync("npx", ["tsx", "bench/redaction-cost.ts", "throughput"], { env: { ...process.env, REDACT_SECRETS: flag } }));
  }
}
