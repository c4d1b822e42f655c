import type { DatabaseKind } from "@/lib/db/database-kind";
import type { ChainStore } from "@/lib/db/contract/chain";
import type { Connections } from "@/lib/db/contract/connections";
import type { Health } from "@/lib/db/contract/health";
import type { InteractionStore } from "@/lib/db/contract/interactions";
import type { MemoryAuditStore } from "@/lib/db/contract/memory-audit";
import type { Migrator } from "@/lib/db/contract/migrate";
import type { OtlpSpanStore } from "@/lib/db/contract/otlp-spans";
import type { PacketStore } from "@/lib/db/contract/packet";
import type { Reads } from "@/lib/db/contract/reads";
import type { ReviewStore } from "@/lib/db/contract/reviews";
import type { RedactionStore } from "@/lib/db/contract/redactions";
import type { RetentionStore } from "@/lib/db/contract/retention";

/**
 * Everything the domain asks of a database, one property per part (each part's interface is
 * lib/db/contract/<part>.ts). lib/db/sqlite/ and lib/db/postgres/ each implement it;
 * database() (lib/db/index.ts) picks one, once, from DATABASE_URL. Domain code (lib/interactions,
 * lib/sessions, lib/audit, ...) holds the rules and reaches a database only through this.
 */
export interface Database {
  kind: DatabaseKind;
  interactions: InteractionStore;
  chain: ChainStore;
  reads: Reads;
  connections: Connections;
  health: Health;
  migrate: Migrator;
  memoryAudit: MemoryAuditStore;
  redactions: RedactionStore;
  retention: RetentionStore;
  reviews: ReviewStore;
  packet: PacketStore;
  otlpSpans: OtlpSpanStore;
}
