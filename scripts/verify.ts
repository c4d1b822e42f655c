// `npm run verify [database]`: recomputes the tamper-evidence chain of DATABASE_URL (or of the
// database given: a SQLite file, a file: URL or a PostgreSQL URL) and reports the first broken
// link. Exit code 0 intact, 1 broken, 2 error.
import { reportOf } from "@/lib/audit/verify-chain";
import { verifyStoredChain } from "@/lib/audit/verify-stored-chain";

const database = process.argv[2];
verifyStoredChain(database)
  .then((run) => {
    const report = reportOf(run);
    const { status, links_checked, head, broken, unchained, redactions, retired } = report;
    console.log(JSON.stringify(report, null, 2));
    if (broken) {
      console.error(`\nBROKEN at link ${broken.link} (${broken.kind} of interaction ${broken.interaction_id}): ${broken.message}`);
      console.error(`  expected ${broken.expected}\n  stored   ${broken.stored}`);
    } else {
      console.error(`\n${status.toUpperCase()}: ${links_checked} links verified; head ${head ? `${head.link} ${head.hash}` : "(empty chain)"}`);
    }
    if (redactions.count > 0) console.error(`${redactions.count} redaction(s) recorded in the chain (content removed on purpose, not tampering)`);
    if (retired.count > 0) console.error(`${retired.count} interaction(s) retired for their age by ${retired.ranges.length === 100 ? "100+" : retired.ranges.length} retired link(s) (removed on purpose, not tampering)`);
    if (unchained.count > 0) console.error(`${unchained.count} interaction(s) are not covered by the chain (written around the API), e.g. ${unchained.sample_ids.join(", ")}`);
    process.exit(broken ? 1 : 0);
  })
  .catch((err: unknown) => {
    console.error(`verify failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  });
