import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { SourceRecord } from "@/lib/import/import-records";

/**
 * The records of a JSONL file, one per non-blank line, streamed (the file is never read
 * whole). `onBytes` reports how far into the file reading has got, for a progress bar.
 */
export async function* readJsonl(file: string, onBytes: (bytes: number) => void = () => {}): AsyncGenerator<SourceRecord> {
  const stream = createReadStream(file);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    onBytes(stream.bytesRead);
    if (text.trim() === "") continue;
    try {
      yield { line, value: JSON.parse(text) };
    } catch (err) {
      yield { line, error: `not valid JSON: ${(err as Error).message}` };
    }
  }
}
