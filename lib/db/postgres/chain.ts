import type pg from "pg";
import { chainOnto, GENESIS, type Link, type LinkContent } from "@/lib/audit/canonical-content";
import { Prisma } from "@/lib/generated/prisma/client";

// Appends links to the tamper-evidence chain on PostgreSQL (the twin of lib/db/sqlite/chain.ts). It must run
// inside inWriteTransaction() (lib/db/postgres/write.ts), whose lock makes every app server's
// writers take turns: the head read is the last committed link, and nobody else appends until
// this transaction has committed.

export const CHAIN_HEAD = "SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1";

/** The links of a transaction chained onto the head `CHAIN_HEAD` returned. */
export function chainOntoHead(head: pg.QueryResult<{ hash: string }>, contents: readonly LinkContent[]): Link[] {
  return chainOnto(head.rows[0]?.hash ?? GENESIS, contents);
}

/**
 * All the links of a transaction in one statement (captures put it after their rows' inserts in
 * one statement); seq follows the arrays' order (ORDER BY n), which is the chain's order, as the
 * verifier walks it.
 */
export function insertLinksSql(links: readonly Link[]): Prisma.Sql {
  const column = <K extends keyof Link>(k: K) => links.map((l) => l[k]);
  return Prisma.sql`INSERT INTO audit_chain (kind, interaction_id, fields, content_hash, prev_hash, hash, created_at)
  SELECT kind, interaction_id, fields, content_hash, prev_hash, hash, to_timestamp(at_ms / 1000.0)
  FROM unnest(${column("kind")}::text[], ${column("interactionId")}::text[], ${column("fields")}::text[],
              ${column("contentHash")}::text[], ${column("prevHash")}::text[], ${column("hash")}::text[], ${column("at")}::float8[])
       WITH ORDINALITY AS l(kind, interaction_id, fields, content_hash, prev_hash, hash, at_ms, n)
  ORDER BY n`;
}

/** Chains the links of one transaction: the head is read once, the links computed in memory. */
export async function appendLinks(client: pg.ClientBase, contents: readonly LinkContent[]): Promise<void> {
  if (contents.length === 0) return;
  const links = chainOntoHead(await client.query<{ hash: string }>({ name: "atocore_chain_head", text: CHAIN_HEAD }), contents);
  const insert = insertLinksSql(links);
  await client.query({ name: "atocore_chain_insert", text: insert.text, values: insert.values });
}
