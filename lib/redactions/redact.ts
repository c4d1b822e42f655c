import type { RedactionRecord } from "@/lib/audit/redaction-content";
import { processConnection, queryRows } from "@/lib/db/connection";
import { database } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { storedId } from "@/lib/interactions/stored-id";
import { log } from "@/lib/log";
import type { Redaction, RedactionBody } from "@/lib/redactions/schema";

/** A record as the API answers it (no base: that is the chain's business). */
export function toRedaction(r: RedactionRecord): Redaction {
  const { id, interaction_id, pointer, reason, digest, author } = r;
  return { id, interaction_id, pointer, reason, digest, author, created_at: new Date(Number(r.created_at)).toISOString() };
}

/**
 * Replaces one part of an interaction by its marker, with the record and its chain link in the
 * same transaction; the search index follows by trigger, and a cached pack index is rebuilt
 * once it sees the interaction's new count of redactions (lib/context-pack/load-pack-index.ts).
 */
export async function redactInteraction(rawId: string, body: RedactionBody, author: string): Promise<Redaction> {
  const record = await database().redactions.redact({ interactionId: storedId(rawId), pointer: body.pointer, reason: body.reason, author });
  log.info("interaction_redacted", { interaction_id: record.interaction_id, redaction_id: record.id, pointer: record.pointer });
  return toRedaction(record);
}

/** An interaction's redactions in the order they were made; NotFoundError for an unknown interaction. */
export async function listRedactions(rawId: string): Promise<Redaction[]> {
  const id = storedId(rawId);
  const c = processConnection();
  const [found] = await queryRows<{ id: string }>(c, Prisma.sql`SELECT id FROM interactions WHERE id = ${id}`);
  if (!found) throw new NotFoundError(`No interaction with id ${rawId}`);
  // In chain order: redactions made in one transaction share their instant.
  const rows = await queryRows<RedactionRecord>(
    c,
    Prisma.sql`SELECT r.* FROM interaction_redactions r
      LEFT JOIN audit_chain c ON c.interaction_id = r.interaction_id AND c.kind = 'redaction' AND c.fields = r.id
      WHERE r.interaction_id = ${id} ORDER BY c.seq, r.created_at`,
  );
  return rows.map(toRedaction);
}

/** How many redactions there are, and the newest `limit` of them (the audit page's list). */
export async function recentRedactions(limit = 50): Promise<{ count: number; items: Redaction[] }> {
  const c = processConnection();
  const [{ n }] = await queryRows<{ n: number | string }>(c, Prisma.sql`SELECT count(*) AS n FROM interaction_redactions`);
  const rows = await queryRows<RedactionRecord>(c, Prisma.sql`SELECT * FROM interaction_redactions ORDER BY created_at DESC, id LIMIT ${limit}`);
  return { count: Number(n), items: rows.map(toRedaction) };
}
