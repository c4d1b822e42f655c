import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function tempDbFile(label = "test"): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), `atocore-audit-${label}-`)), "audit.db");
}
