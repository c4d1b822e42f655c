import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { verifySqliteChain } from "@/lib/db/sqlite/verify-stored-chain";
import type { VerifyReply, VerifyRequest } from "@/lib/db/sqlite/verify-thread";
import { errorToWire } from "@/lib/errors";

// The chain's verifications in the server (lib/db/sqlite/verify-thread.ts), one at a time, on a
// thread of their own at the lowest CPU priority: hashing a large chain takes seconds of CPU,
// which the event loop and the write thread get first whenever they want it.

const port = parentPort!;

// Linux gives each thread its own nice value; /proc/thread-self names this thread's id.
// Elsewhere the thread keeps the process's priority.
try {
  setPriority(Number(readlinkSync("/proc/thread-self").split("/").at(-1)), 19);
} catch {
  // Not Linux, or not allowed: the same priority as the event loop, as before.
}

port.on("message", ({ n, url, options }: VerifyRequest) => {
  verifySqliteChain(url, { ...options, onProgress: (progress) => port.postMessage({ n, progress } satisfies VerifyReply) })
    .then((run) => port.postMessage({ n, run } satisfies VerifyReply))
    .catch((err: unknown) => port.postMessage({ n, error: errorToWire(err) } satisfies VerifyReply));
});
