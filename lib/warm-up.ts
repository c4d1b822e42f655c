import { auditStatus } from "@/lib/audit/audit-status";
import { captureHistogram } from "@/lib/interactions/capture-histogram";
import { findFacets } from "@/lib/interactions/find-facets";
import { ListQuerySchema } from "@/lib/interactions/schema";
import { log } from "@/lib/log";

/**
 * Runs after start without delaying it: what the first page views would otherwise compute
 * while a viewer waits. The chain's status behind every page's header (a verification started
 * in the background: from the checkpoint, or in full the first time), the list's facet counts
 * and the unfiltered list's histogram (counted in full once, then kept up to date).
 */
export function warmUp(): void {
  const started = Date.now();
  void (async () => {
    await auditStatus();
    await findFacets();
    await captureHistogram(ListQuerySchema.parse({}));
    log.info("warm_up_done", { ms: Date.now() - started });
  })().catch((err: unknown) => log.warn("warm_up_failed", { error: err instanceof Error ? err.message : String(err) }));
}
