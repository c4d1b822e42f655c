import { spawn } from "node:child_process";
import { createWriteStream, rmSync, statSync } from "node:fs";
import path from "node:path";
import { realisticTurns, type Landmarks, type ShapeSpec } from "@/lib/demo/generate-turns";
import { step } from "./context";

// `npm run import` on a JSONL file of the realistic shape, as a user runs it (its own process,
// stderr not a terminal, so it prints a progress line every few seconds): rows/s over the whole
// command, start-up and migration included.

export type ImportRun = { rows: number; seconds: number; rowsPerSecond: number; fileBytes: number; landmarks: Landmarks; progressLines: number };

async function writeJsonl(file: string, spec: ShapeSpec): Promise<Landmarks> {
  const { landmarks, turns } = realisticTurns(spec);
  const out = createWriteStream(file);
  for (const t of turns()) {
    if (!out.write(JSON.stringify(t) + "\n")) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return landmarks;
}

export async function importShape(databaseUrl: string, dir: string, spec: ShapeSpec): Promise<ImportRun> {
  const file = path.join(dir, "shape.jsonl");
  step(`writing ${spec.rows.toLocaleString("en")} turns of the realistic shape as JSONL`);
  const landmarks = await writeJsonl(file, spec);
  const fileBytes = statSync(file).size;
  step(`npm run import of ${Math.round(fileBytes / 2 ** 20)} MB (progress lines below are the import's own)`);
  const started = performance.now();
  let stdout = "";
  let progressLines = 0;
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/import.ts", file, "--json"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => {
      for (const line of d.toString().split("\n").filter(Boolean)) {
        progressLines++;
        console.log(`    ${line}`);
      }
    });
    child.on("error", reject);
    child.on("close", resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  rmSync(file, { force: true });
  if (code !== 0) throw new Error(`import exited ${code}: ${stdout}`);
  const report = JSON.parse(stdout) as { imported: number };
  return { rows: report.imported, seconds, rowsPerSecond: report.imported / seconds, fileBytes, landmarks, progressLines };
}
