import { readRows } from "@/lib/db/postgres/reader";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PacketStore } from "@/lib/db/contract/packet";
import { packetQueries } from "@/lib/db/sql/packet-queries";

// PostgreSQL's links cover jsonb's own text and the timestamptz(3) columns as epoch ms
// (lib/audit/canonical-content.ts), so they are read in that form.
const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::bigint`;

export const postgresPacketStore: PacketStore = packetQueries({
  kind: "postgres",
  read: readRows,
  covered: Prisma.raw(
    `i.memories_used::text AS memories_used, i.chunks_used::text AS chunks_used, i.context_pack::text AS context_pack,
     ${ms("i.created_at")} AS created_at, ${ms("i.response_added_at")} AS response_added_at, ${ms("i.occurred_at")} AS occurred_at`,
  ),
  addedAt: Prisma.raw(`${ms("response_added_at")} AS response_added_at`),
});
