import type { PacketStore } from "@/lib/db/contract/packet";
import { sqlDialect } from "@/lib/db/dialect";
import { postgresPacketStore } from "@/lib/db/postgres/packet";
import { sqlitePacketStore } from "@/lib/db/sqlite/packet";

/** The audit packet's reads for the database in use. */
export function packetStore(): PacketStore {
  return sqlDialect() === "postgres" ? postgresPacketStore : sqlitePacketStore;
}
