import { readRows } from "@/lib/db/sqlite/reader";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PacketStore } from "@/lib/db/contract/packet";
import { packetQueries } from "@/lib/db/sql/packet-queries";

// SQLite keeps the JSON columns as the text the writer bound and times as epoch ms: the
// covered columns are read as they are.
export const sqlitePacketStore: PacketStore = packetQueries({
  kind: "sqlite",
  read: readRows,
  covered: Prisma.raw("i.memories_used, i.chunks_used, i.context_pack, i.created_at, i.response_added_at, i.occurred_at"),
  addedAt: Prisma.raw("response_added_at"),
});
