import type { RedactionRecord } from "@/lib/audit/redaction-content";
import type { CompletableState, PacketLink, PacketRow, PacketStore } from "@/lib/db/contract/packet";
import type { DatabaseKind } from "@/lib/db/database-kind";
import { instantParam } from "@/lib/db/dialect";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Cursor } from "@/lib/interactions/cursor";
import { keysetCondition } from "@/lib/db/sql/keyset-sql";

// The packet's queries, written once: the two databases differ only in how the covered
// columns are read (lib/db/sqlite/packet.ts, lib/db/postgres/packet.ts).

type Dialect = {
  kind: DatabaseKind;
  read: <T>(query: Prisma.Sql) => Promise<T[]>;
  /** The chained JSON and time columns of `interactions AS i`, in the verifier's form. */
  covered: Prisma.Sql;
  /** response_added_at in epoch ms. */
  addedAt: Prisma.Sql;
};

type Numeric = number | string | bigint;
const num = (v: Numeric) => Number(v);
const numOrNull = (v: Numeric | null) => (v === null ? null : Number(v));

export function packetQueries({ kind, read, covered, addedAt }: Dialect): PacketStore {
  const keyset = { at: Prisma.raw("i.created_at"), seq: Prisma.raw("i.seq") };
  return {
    async sessionRows(sessionId: string, after: Cursor | undefined, through: Cursor, limit: number): Promise<PacketRow[]> {
      const t = instantParam(through.createdAt, kind);
      const rows = await read<PacketRow & { seq: Numeric; created_at: Numeric; response_added_at: Numeric | null; occurred_at: Numeric | null }>(Prisma.sql`
        SELECT i.seq, i.id, i.prompt, i.response, i.response_summary, i.project, i.client, i.session_id, ${covered}
        FROM interactions AS i
        WHERE i.session_id = ${sessionId}
          AND i.created_at <= ${t} AND (i.created_at < ${t} OR i.seq <= ${through.seq})
          ${after ? Prisma.sql`AND ${keysetCondition(keyset, after, "newer", kind)}` : Prisma.empty}
        ORDER BY i.created_at ASC, i.seq ASC LIMIT ${limit}`);
      return rows.map((r) => ({ ...r, seq: num(r.seq), created_at: num(r.created_at), response_added_at: numOrNull(r.response_added_at), occurred_at: numOrNull(r.occurred_at) }));
    },
    async linksOf(ids: readonly string[]): Promise<PacketLink[]> {
      if (ids.length === 0) return [];
      const rows = await read<PacketLink & { seq: Numeric }>(Prisma.sql`
        SELECT seq, kind, interaction_id, fields, content_hash, prev_hash, hash FROM audit_chain
        WHERE interaction_id IN (${Prisma.join(ids)}) ORDER BY seq`);
      return rows.map((r) => ({ ...r, seq: num(r.seq) }));
    },
    async completableState(ids: readonly string[]): Promise<CompletableState[]> {
      if (ids.length === 0) return [];
      const rows = await read<CompletableState & { response_added_at: Numeric | null }>(Prisma.sql`
        SELECT id, response, response_summary, ${addedAt} FROM interactions WHERE id IN (${Prisma.join(ids)}) ORDER BY id`);
      return rows.map((r) => ({ ...r, response_added_at: numOrNull(r.response_added_at) }));
    },
    async redactionsOf(ids: readonly string[]): Promise<RedactionRecord[]> {
      if (ids.length === 0) return [];
      const rows = await read<RedactionRecord & { created_at: Numeric }>(Prisma.sql`
        SELECT id, interaction_id, pointer, reason, digest, author, created_at, base FROM interaction_redactions
        WHERE interaction_id IN (${Prisma.join(ids)}) ORDER BY interaction_id, id`);
      return rows.map((r) => ({ ...r, created_at: num(r.created_at) }));
    },
    async head() {
      const [row] = await read<{ seq: Numeric; hash: string }>(Prisma.sql`SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1`);
      return row ? { seq: num(row.seq), hash: row.hash } : null;
    },
    async linksBetween(after: number, through: number, limit: number) {
      const rows = await read<{ seq: Numeric; content_hash: string }>(Prisma.sql`
        SELECT seq, content_hash FROM audit_chain WHERE seq > ${after} AND seq <= ${through} ORDER BY seq LIMIT ${limit}`);
      return rows.map((r) => ({ seq: num(r.seq), content_hash: r.content_hash }));
    },
  };
}
