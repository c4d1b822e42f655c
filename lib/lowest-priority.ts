import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/**
 * Puts the calling thread at the lowest CPU priority (nice 19), so that the event loop and the
 * write thread get a core first whenever they want one. Linux gives each thread its own nice
 * value and /proc/thread-self names this thread's id; elsewhere, or when not allowed, the
 * thread keeps the process's priority.
 */
export function lowestPriorityForThisThread(): void {
  try {
    setPriority(Number(readlinkSync("/proc/thread-self").split("/").at(-1)), 19);
  } catch {
    // Not Linux, or not allowed: the same priority as the event loop.
  }
}
