import { log } from "@/lib/log";
import { recordBatch } from "@/lib/interactions/record-batch";
import { MAX_BATCH_ITEMS } from "@/lib/interactions/batch-schema";
import type { ExportTraceRequest } from "@/lib/otlp/otlp-request-schema";
import { keepSpans, withKeptContext } from "@/lib/otlp/kept-spans";
import { mapSpans, readExport, type RejectedSpan } from "@/lib/otlp/map-spans";

export type IngestResult = { stored: number; duplicates: number; ignored: number; rejected: RejectedSpan[] };

// How many rejections the answer's error_message names; the count covers them all.
const NAMED_REJECTIONS = 3;

/** The error_message of a partial success: how many spans were refused, and why for the first few. */
export function rejectionMessage(rejected: readonly RejectedSpan[]): string {
  if (rejected.length === 0) return "";
  const named = rejected.slice(0, NAMED_REJECTIONS).map((r) => r.reason);
  const more = rejected.length > named.length ? `; and ${rejected.length - named.length} more` : "";
  return `${rejected.length} span(s) rejected: ${named.join("; ")}${more}`;
}

/**
 * Stores the interactions an export maps to through the batch capture path (validation,
 * idempotency by id, the chain, sessions, search, item uses), in batches of the batch route's
 * size; each refused capture is a rejected span. Spans kept from earlier exports of the same
 * traces complete the packs, and this export's spans are kept for later ones.
 */
export async function ingestTraces(request: ExportTraceRequest): Promise<IngestResult> {
  const read = readExport(request);
  const mapped = mapSpans(await withKeptContext(read.spans));
  const { captures, ignored } = mapped;
  const rejected = [...read.rejected, ...mapped.rejected];
  let stored = 0;
  let duplicates = 0;
  const store = async () => {
    for (let from = 0; from < captures.length; from += MAX_BATCH_ITEMS) {
      const slice = captures.slice(from, from + MAX_BATCH_ITEMS);
      const { results } = await recordBatch(slice);
      results.forEach((r, k) => {
        if (r.status === "created") stored++;
        else if (r.status === "duplicate") duplicates++;
        else rejected.push({ spanId: slice[k].id, reason: `span of interaction ${slice[k].id}: ${r.error?.message ?? "refused"}${issuesText(r.error?.issues)}` });
      });
    }
  };
  // Side by side: both are write jobs, which then share a transaction and its WAL flush.
  await Promise.all([store(), keepSpans(read.spans)]);
  log.info("otlp_traces_ingested", { stored, duplicates, ignored, rejected: rejected.length });
  return { stored, duplicates, ignored, rejected };
}

function issuesText(issues: readonly { path: (string | number)[]; message: string }[] | undefined): string {
  return issues && issues.length > 0 ? ` (${issues.map((i) => i.message).join(", ")})` : "";
}
