import { config } from "@/lib/config";

type Window = { failures: number; endsAt: number };

/**
 * Failed sign-ins and bad tokens per client address, in a fixed one-minute window that starts
 * at the address's first failure. Past the limit, a failure is answered "wait N seconds"
 * (429 with Retry-After) instead of "wrong token". Only failures are counted, so a valid token
 * never waits. The map is bounded: when full, expired windows go first, then the oldest.
 */
export class FailureThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly maxAddresses = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one failure from `address`; the seconds it must wait when over the limit, else 0. */
  fail(address: string): number {
    if (this.limit <= 0) return 0;
    const now = this.now();
    let w = this.windows.get(address);
    if (!w || w.endsAt <= now) {
      this.windows.delete(address);
      this.makeRoom(now);
      w = { failures: 0, endsAt: now + this.windowMs };
      this.windows.set(address, w);
    }
    w.failures++;
    return w.failures > this.limit ? Math.max(1, Math.ceil((w.endsAt - now) / 1000)) : 0;
  }

  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number) {
    if (this.windows.size < this.maxAddresses) return;
    for (const [address, w] of this.windows) if (w.endsAt <= now) this.windows.delete(address);
    // Still full: the oldest windows (a Map keeps insertion order) make way.
    for (const address of this.windows.keys()) {
      if (this.windows.size < this.maxAddresses) break;
      this.windows.delete(address);
    }
  }
}

// One per process, shared by the API routes, the proxy and the sign-in action (bundled apart).
const globalForThrottle = globalThis as unknown as { atocoreFailureThrottle?: FailureThrottle };

/** The server's throttle, with the limit from AUTH_FAILURES_PER_MINUTE. */
export function failureThrottle(): FailureThrottle {
  globalForThrottle.atocoreFailureThrottle ??= new FailureThrottle(config().AUTH_FAILURES_PER_MINUTE);
  return globalForThrottle.atocoreFailureThrottle;
}
