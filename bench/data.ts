// Capture bodies for the bench's load: turns of the realistic shape (lib/demo/generate-turns.ts),
// from a seeded generator so every run sends the same data, without the ids and times a capture
// does not send. Packs of a few KB to tens of KB, as the generated set mixes them.

import { realisticTurns } from "@/lib/demo/generate-turns";
import type { CaptureInput } from "@/lib/interactions/schema";

/** A capture body with every field present, as the server's schema reads it; `id` when it keeps one. */
export type Body = Omit<CaptureInput, "id"> & { id?: string };

/** A pool of distinct bodies to rotate through under load. */
export function bodyPool(count: number, seed = 1): Body[] {
  const { turns } = realisticTurns({ rows: count, longSessionTurns: 0, bigPack: false, project: 20, days: 1, now: Date.now(), seed });
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  return Array.from(turns(), ({ id, created_at, ...body }) => body);
}
