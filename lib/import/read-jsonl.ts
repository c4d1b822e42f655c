import { createReadStream } from "node:fs";
import { config } from "@/lib/config";
import { overTheLimit, type SourceRecord } from "@/lib/import/import-records";

type Line = { parts: Buffer[]; size: number };

// One line's record: its JSON, or why not. A line over the limit was never held whole.
function lineRecord(line: number, { parts, size }: Line, maxBytes: number): SourceRecord | null {
  if (size > maxBytes) return { line, error: overTheLimit(maxBytes) };
  const text = Buffer.concat(parts, size).toString("utf8").replace(/\r$/, "");
  if (text.trim() === "") return null;
  try {
    return { line, value: JSON.parse(text), bytes: size };
  } catch (err) {
    return { line, error: `not valid JSON: ${(err as Error).message}` };
  }
}

/**
 * The records of a JSONL file, one per non-blank line, streamed (the file is never read
 * whole, nor a line over MAX_BODY_BYTES: the API's own body limit applies to each record).
 * `onBytes` reports how far into the file reading has got, for a progress bar.
 */
export async function* readJsonl(
  file: string,
  onBytes: (bytes: number) => void = () => {},
  maxBytes = config().MAX_BODY_BYTES,
): AsyncGenerator<SourceRecord> {
  let current: Line = { parts: [], size: 0 };
  let line = 0;
  let read = 0;
  const take = (piece: Buffer) => {
    current.size += piece.length;
    // Past the limit the line's bytes are only counted, never kept.
    if (current.size > maxBytes) current.parts = [];
    else if (piece.length > 0) current.parts.push(piece);
  };
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    read += chunk.length;
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      take(chunk.subarray(start, nl));
      const record = lineRecord(++line, current, maxBytes);
      current = { parts: [], size: 0 };
      if (record) yield record;
      start = nl + 1;
    }
    take(chunk.subarray(start));
    onBytes(read);
  }
  if (current.size > 0) {
    const record = lineRecord(++line, current, maxBytes);
    if (record) yield record;
  }
}
