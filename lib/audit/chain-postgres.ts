import type pg from "pg";
import { chainOnto, GENESIS, type LinkContent } from "@/lib/audit/canonical-content";

// Appends links to the tamper-evidence chain on PostgreSQL (the twin of chain.ts). It must run
// inside inWriteTransaction() (lib/db/postgres-write.ts), whose lock makes every app server's
// writers take turns: the head read here is the last committed link, and nobody else appends
// until this transaction has committed.

const HEAD = "SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1";

// All the links of a transaction in one statement; seq follows the arrays' order (ORDER BY n),
// which is the chain's order, as the verifier walks it.
const INSERT = `INSERT INTO audit_chain (kind, interaction_id, fields, content_hash, prev_hash, hash, created_at)
  SELECT kind, interaction_id, fields, content_hash, prev_hash, hash, to_timestamp(at_ms / 1000.0)
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[])
       WITH ORDINALITY AS l(kind, interaction_id, fields, content_hash, prev_hash, hash, at_ms, n)
  ORDER BY n`;

/** Chains the links of one transaction: the head is read once, the links computed in memory. */
export async function appendLinks(client: pg.ClientBase, contents: readonly LinkContent[]): Promise<void> {
  if (contents.length === 0) return;
  const head = await client.query<{ hash: string }>({ name: "atocore_chain_head", text: HEAD });
  const links = chainOnto(head.rows[0]?.hash ?? GENESIS, contents);
  await client.query({
    name: "atocore_chain_insert",
    text: INSERT,
    values: [
      links.map((l) => l.kind),
      links.map((l) => l.interactionId),
      links.map((l) => l.fields),
      links.map((l) => l.contentHash),
      links.map((l) => l.prevHash),
      links.map((l) => l.hash),
      links.map((l) => l.at),
    ],
  });
}
