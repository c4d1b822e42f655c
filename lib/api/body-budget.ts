import { config } from "@/lib/config";
import { RetryLaterError } from "@/lib/errors";

type Waiter = { weight: number; admit: () => void };

/**
 * What one body byte takes of the budget: the byte read, the text decoded from it, the value
 * parsed from that, and the copy the write thread receives (each at least as large as the
 * body; text outside Latin-1 takes two bytes a character). With the default 64 MiB budget one
 * 12 MiB capture runs at a time, beside any number of ordinary ones.
 */
export const BUDGET_BYTES_PER_BODY_BYTE = 4;

/**
 * A server-wide budget of request-body bytes being read, parsed and stored at once. A request
 * holds its body's size from before the first byte is read until its answer is built, so the
 * memory that bodies take (the bytes, the decoded text, the parsed value, the copies a write
 * makes) stays bounded by a multiple of the budget however many arrive together. A request
 * that does not fit waits for room, up to `waitMs`, then is told to come back (503 with
 * Retry-After); while it waits, its body stays in the socket, unread.
 */
export class BodyBudget {
  private inUse = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly capacity: number,
    private readonly waitMs: number,
  ) {}

  /** Bytes held now (for tests and the memory route). */
  get held(): number {
    return this.inUse;
  }

  /**
   * Takes `bytes` of the budget, waiting for room; resolves to the function that gives them
   * back. A body larger than the whole budget waits until it has the budget to itself.
   */
  async take(bytes: number): Promise<() => void> {
    const weight = Math.min(Math.max(0, bytes), this.capacity);
    if (weight === 0) return () => {};
    // Either way the weight is held from here: at once, or by admitWaiting() for a waiter.
    if (this.fits(weight)) this.inUse += weight;
    else await this.waitFor(weight);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.inUse -= weight;
      this.admitWaiting();
    };
  }

  private fits(weight: number) {
    return this.inUse + weight <= this.capacity;
  }

  private waitFor(weight: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        weight,
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        const seconds = Math.max(1, Math.ceil(this.waitMs / 1000));
        reject(new RetryLaterError("unavailable", `The server is reading as many large bodies as it can hold; send this one again in ${seconds} s`, seconds));
      }, this.waitMs);
      this.waiting.push(waiter);
    });
  }

  // In arrival order, every waiter that fits now, its weight held at once; one that does not
  // fit does not hold back smaller ones behind it (a small capture never waits for room a
  // large one needs).
  private admitWaiting() {
    for (let i = 0; i < this.waiting.length; ) {
      const w = this.waiting[i];
      if (this.fits(w.weight)) {
        this.waiting.splice(i, 1);
        this.inUse += w.weight;
        w.admit();
      } else i++;
    }
  }
}

const globalForBudget = globalThis as unknown as { atocoreBodyBudget?: BodyBudget };

/** The server's budget, BODY_BUDGET_BYTES, waiting up to BODY_WAIT_MS. */
export function bodyBudget(): BodyBudget {
  const { BODY_BUDGET_BYTES, BODY_WAIT_MS } = config();
  globalForBudget.atocoreBodyBudget ??= new BodyBudget(BODY_BUDGET_BYTES, BODY_WAIT_MS);
  return globalForBudget.atocoreBodyBudget;
}
