import { parentPort } from "node:worker_threads";
import { lowestPriorityForThisThread } from "@/lib/lowest-priority";
import { verifySqliteChain } from "@/lib/db/sqlite/verify-stored-chain";
import type { VerifyReply, VerifyRequest } from "@/lib/db/sqlite/verify-thread";
import { errorToWire } from "@/lib/errors";

// The chain's verifications in the server (lib/db/sqlite/verify-thread.ts), one at a time, on a
// thread of their own at the lowest CPU priority: hashing a large chain takes seconds of CPU,
// which the event loop and the write thread get first whenever they want it.

const port = parentPort!;

lowestPriorityForThisThread();

port.on("message", ({ n, url, options }: VerifyRequest) => {
  verifySqliteChain(url, { ...options, onProgress: (progress) => port.postMessage({ n, progress } satisfies VerifyReply) })
    .then((run) => port.postMessage({ n, run } satisfies VerifyReply))
    .catch((err: unknown) => port.postMessage({ n, error: errorToWire(err) } satisfies VerifyReply));
});
