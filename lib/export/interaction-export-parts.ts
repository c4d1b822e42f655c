import { csvHeader, csvRow } from "@/lib/export/csv";
import type { ExportFormat } from "@/lib/export/export-interactions";
import { iterateInteractions } from "@/lib/export/iterate-interactions";
import type { InteractionFilters } from "@/lib/interactions/schema";
import { log } from "@/lib/log";

// Text per part: a few rows of large packs, or many small ones.
const PART_CHARS = 64 * 1024;

/**
 * The export's text, part by part, reading the next keyset batch only when the parts of this
 * one are taken: one batch in memory at most, never the result set.
 */
export async function* interactionExportParts(format: ExportFormat, filters: InteractionFilters): AsyncGenerator<string> {
  const line = format === "csv" ? csvRow : (r: object) => JSON.stringify(r) + "\n";
  let rows = 0;
  let ended = false;
  try {
    if (format === "csv") yield csvHeader();
    for await (const batch of iterateInteractions(filters)) {
      let part = "";
      for (const record of batch) {
        part += line(record);
        rows++;
        if (part.length >= PART_CHARS) {
          yield part;
          part = "";
        }
      }
      if (part) yield part;
    }
    ended = true;
    log.info("interactions_exported", { format, rows });
  } catch (err) {
    ended = true;
    throw err;
  } finally {
    if (!ended) log.info("export_cancelled", { format, rows });
  }
}

