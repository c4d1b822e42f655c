import { captureContentHash, completionContentHash, parseFields, type ChainedRow } from "@/lib/audit/canonical-content";
import {
  CAPTURE_V2,
  captureV2Hash,
  COMPLETION_V2_PREFIX,
  completionV2Hash,
  keptDigests,
  markerProblem,
  redactionHash,
  type RedactionRecord,
} from "@/lib/audit/redaction-content";
import { pointerTokens } from "@/lib/context-pack/json-pointer";
import { Prisma } from "@/lib/generated/prisma/client";

// What the verifier needs to recompute links of redacted rows: each redaction that has its link
// (a record without one is no redaction: the row then fails its capture link), by interaction
// and by link, and every field completions filled in those interactions.

export type ChainRedaction = RedactionRecord & { link: number };
export type Redactions = {
  byInteraction: Map<string, ChainRedaction[]>;
  byLink: Map<number, ChainRedaction>;
  completed: Map<string, Set<string>>;
};

type Reader = { all<T>(query: Prisma.Sql): Promise<T[]> };

const LINKED = Prisma.sql`FROM interaction_redactions r
  JOIN audit_chain c ON c.kind = 'redaction' AND c.fields = r.id AND c.interaction_id = r.interaction_id`;

/** The redactions of every interaction that has a redaction link after `after`. */
export async function loadRedactions(reader: Reader, after: number): Promise<Redactions> {
  const touched = Prisma.sql`(SELECT interaction_id FROM audit_chain WHERE kind = 'redaction' AND seq > ${after})`;
  const records = await reader.all<ChainRedaction>(
    Prisma.sql`SELECT r.id, r.interaction_id, r.pointer, r.reason, r.digest, r.author, r.created_at, r.base, c.seq AS link
      ${LINKED} WHERE r.interaction_id IN ${touched} ORDER BY c.seq`,
  );
  const out: Redactions = { byInteraction: new Map(), byLink: new Map(), completed: new Map() };
  if (records.length === 0) return out;
  for (const r of records) {
    out.byInteraction.set(r.interaction_id, [...(out.byInteraction.get(r.interaction_id) ?? []), r]);
    out.byLink.set(Number(r.link), r);
  }
  const completions = await reader.all<{ interaction_id: string; fields: string }>(
    Prisma.sql`SELECT interaction_id, fields FROM audit_chain WHERE kind = 'completion' AND interaction_id IN ${touched}`,
  );
  for (const c of completions) {
    const set = out.completed.get(c.interaction_id) ?? new Set<string>();
    for (const f of parseFields(c.fields)) set.add(f);
    out.completed.set(c.interaction_id, set);
  }
  return out;
}

type LinkOfRow = { link: number; kind: string; interaction_id: string; fields: string };

/**
 * A link's content hash recomputed from its row, or null when the link's own rule cannot (a v1
 * link over text a redaction removed: the redaction's base covers that row instead).
 */
export function recomputedContent(l: LinkOfRow, row: ChainedRow, completed: ReadonlySet<string>, redactions: Redactions): string | null {
  const records = redactions.byInteraction.get(l.interaction_id) ?? [];
  const kept = keptDigests(records);
  if (l.kind === "capture") {
    if (l.fields === CAPTURE_V2) return captureV2Hash(row, completed, kept);
    return records.length > 0 ? null : captureContentHash(row, completed);
  }
  if (l.kind === "completion") {
    const fields = parseFields(l.fields);
    if (l.fields.startsWith(COMPLETION_V2_PREFIX)) return completionV2Hash(row, fields, kept);
    return fields.some((f) => kept.fields.has(f)) ? null : completionContentHash(row, fields);
  }
  if (l.kind === "redaction") {
    const record = redactions.byLink.get(l.link);
    return record ? redactionHash(record) : "(no redaction record)";
  }
  return `(unknown link kind ${l.kind})`;
}

/**
 * What is wrong with a redacted row at its capture or redaction link: a marker that is not
 * the one its redaction wrote, or (at a redaction link) a row whose capture v2 hash, redacted
 * parts by their digests, is not the base the redaction recorded.
 */
export function redactedRowProblem(l: LinkOfRow, row: ChainedRow, redactions: Redactions): { message: string; expected: string; stored: string } | null {
  const records = redactions.byInteraction.get(l.interaction_id);
  if (!records || (l.kind !== "capture" && l.kind !== "redaction")) return null;
  const marker = markerProblem(row, records, pointerTokens);
  if (marker !== null) {
    return { message: `interaction ${l.interaction_id} was changed where it was redacted (${marker}): the marker is not the one its redaction wrote`, expected: "the redaction marker", stored: "(changed)" };
  }
  const record = l.kind === "redaction" ? redactions.byLink.get(l.link) : undefined;
  if (!record) return null;
  const base = captureV2Hash(row, redactions.completed.get(l.interaction_id) ?? new Set(), keptDigests(records));
  if (base === record.base) return null;
  return { message: `interaction ${l.interaction_id} was changed after its redaction was recorded (link ${l.link})`, expected: record.base, stored: base };
}

/** The report's redactions: how many links up to the head, and the newest records. */
export async function redactionSummary(reader: Reader, headLink: number, limit = 100): Promise<{ count: number; items: ChainRedaction[] }> {
  const [{ n }] = await reader.all<{ n: number | string }>(Prisma.sql`SELECT count(*) AS n FROM audit_chain WHERE kind = 'redaction' AND seq <= ${headLink}`);
  if (Number(n) === 0) return { count: 0, items: [] };
  const items = await reader.all<ChainRedaction>(
    Prisma.sql`SELECT r.id, r.interaction_id, r.pointer, r.reason, r.digest, r.author, r.created_at, r.base, c.seq AS link
      ${LINKED} WHERE c.seq <= ${headLink} ORDER BY c.seq DESC LIMIT ${limit}`,
  );
  return { count: Number(n), items: items.map((r) => ({ ...r, link: Number(r.link), created_at: Number(r.created_at) })) };
}
