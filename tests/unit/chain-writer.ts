// A capturing app server, reduced to its write path, for audit-chain-postgres.test.ts: run as
// its own process (`tsx tests/unit/chain-writer.ts <writer> <batches>` with DATABASE_URL), it
// sends <batches> batches at once through the pool. Each batch holds three turns of its own and
// the two turns of that batch number that every writer sends with the same ids (retries across
// servers). Prints one line of JSON: every outcome's status and id.
import { closePgPool } from "@/lib/db/postgres/pool";
import { recordInteractions } from "@/lib/interactions/record-interaction";
import { captureInput } from "./chain-cases";

export const sharedId = (batch: number, k: number) => `5ca1e000-0000-4000-8000-${String(batch * 10 + k).padStart(12, "0")}`;

async function main(writer: string, batches: number) {
  const sent = Array.from({ length: batches }, (_, b) =>
    recordInteractions([
      captureInput(`${writer} ${b} a`),
      captureInput(`shared ${b} 0`, { id: sharedId(b, 0), context_pack: { b, z: [1, 2], a: "x" } }),
      captureInput(`${writer} ${b} b`, { memories_used: [`m${b}`, "m1"] }),
      captureInput(`shared ${b} 1`, { id: sharedId(b, 1) }),
      captureInput(`${writer} ${b} c`),
    ]),
  );
  const outcomes = (await Promise.all(sent)).flat();
  console.log(JSON.stringify(outcomes.map((o) => ({ status: o.status, id: o.status === "error" ? null : o.interaction.id }))));
  await closePgPool();
}

if (process.argv[1]?.endsWith("chain-writer.ts")) void main(process.argv[2], Number(process.argv[3]));
