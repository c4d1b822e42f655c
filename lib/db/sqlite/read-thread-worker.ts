import Database from "better-sqlite3";
import { parentPort, workerData } from "node:worker_threads";
import { preparedStatement } from "@/lib/db/sqlite/per-connection";
import { BUSY_TIMEOUT_MS } from "@/lib/db/sqlite/pragmas";
import type { ReadReply, ReadRequest, ReadThreadData } from "@/lib/db/sqlite/read-thread";
import { errorToWire } from "@/lib/errors";
import { lowestPriorityForThisThread } from "@/lib/lowest-priority";

// The long reads' thread (lib/db/sqlite/read-thread.ts): a read-only connection of its own, one
// statement at a time, in the order asked, at the lowest CPU priority: the event loop and the
// write thread, which serve captures, get a core first whenever they want one.

const port = parentPort!;
lowestPriorityForThisThread();
const db = new Database((workerData as ReadThreadData).file, { readonly: true, timeout: BUSY_TIMEOUT_MS });

port.on("message", ({ n, sql, values }: ReadRequest) => {
  try {
    port.postMessage({ n, rows: preparedStatement(db, sql).all(...values) } satisfies ReadReply);
  } catch (err) {
    port.postMessage({ n, error: errorToWire(err) } satisfies ReadReply);
  }
});
