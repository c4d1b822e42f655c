import { captureContentHash, type ChainedRow, type CompletableField, type LinkContent } from "@/lib/audit/canonical-content";
import {
  CAPTURE_V2,
  captureV2Hash,
  coveredBy,
  fieldDigest,
  keptDigests,
  nodeDigest,
  packMarker,
  packPointer,
  REDACTED_FIELD_TEXT,
  redactionHash,
  replaceAt,
  valueAt,
  type RedactableField,
  type RedactionRecord,
} from "@/lib/audit/redaction-content";
import { pointerTokens } from "@/lib/context-pack/json-pointer";
import { ConflictError } from "@/lib/errors";

// A redaction decided from the row as stored, inside the write transaction that applies it
// (both databases): what the row's column becomes, the record, and its chain link.

/** What the writer reads before redacting: the row as the chain covers it, and its chain facts. */
export type RedactionTarget = {
  row: ChainedRow;
  /** The row's capture link (null for a row written around the API, which the chain does not cover). */
  capture: { fields: string; content_hash: string } | null;
  completed: readonly CompletableField[];
  records: readonly RedactionRecord[];
};

export type RedactionRequest = { pointer: string; reason: string; author: string };

export type RedactionPlan = {
  column: RedactableField | "context_pack";
  /** The column's new value (the pack as JSON text). */
  value: string;
  record: RedactionRecord;
  link: LinkContent;
};

/**
 * The row's capture v2 hash (redacted parts by their digests), once it is shown to match what
 * the chain holds for it: a row edited since its capture is refused rather than redacted, since
 * its redaction's base would certify the edit.
 */
function checkedBase(t: RedactionTarget, pack: unknown): string {
  const completed = new Set<string>(t.completed);
  const base = captureV2Hash(t.row, completed, keptDigests(t.records), pack);
  const expected = t.records[0]?.base ?? (t.capture?.fields === CAPTURE_V2 ? t.capture.content_hash : null);
  const intact =
    expected !== null ? base === expected : t.capture === null || captureContentHash(t.row, completed) === t.capture.content_hash;
  if (!intact) throw new ConflictError(`Interaction ${t.row.id} no longer matches its audit chain link; it is not redacted (run a verification)`);
  return base;
}

/**
 * The stored pack, parsed. A row another tool stored with a pack that is not JSON cannot be
 * redacted: its base digest and the redacted text are made from the parsed pack.
 */
function storedPack(t: RedactionTarget): unknown {
  try {
    return JSON.parse(t.row.context_pack);
  } catch {
    throw new ConflictError(`The stored context pack of interaction ${t.row.id} is not JSON; it is not redacted`);
  }
}

export function planRedaction(t: RedactionTarget, req: RedactionRequest, id: string, now: number): RedactionPlan {
  const { pointer } = req;
  if (t.records.some((r) => r.pointer === pointer) || coveredBy(pointer, t.records)) {
    throw new ConflictError(`${pointer} of interaction ${t.row.id} is already redacted`);
  }
  const pack = storedPack(t);
  const base = checkedBase(t, pack);
  const inPack = packPointer(pointer);
  let digest: string;
  let value: string;
  if (inPack === null) {
    const text = t.row[pointer.slice(1) as RedactableField];
    if (text === "") throw new ConflictError(`${pointer} of interaction ${t.row.id} is empty: there is nothing to redact`);
    digest = fieldDigest(text);
    value = REDACTED_FIELD_TEXT;
  } else {
    const tokens = pointerTokens(inPack) ?? [];
    const subtree = valueAt(pack, tokens);
    if (subtree === undefined) throw new ConflictError(`${pointer} does not exist in the context pack of interaction ${t.row.id}`);
    digest = nodeDigest(subtree, keptDigests(t.records).pack, inPack);
    value = JSON.stringify(replaceAt(pack, tokens, packMarker(digest, req.reason)));
  }
  const record: RedactionRecord = { id, interaction_id: t.row.id, pointer, reason: req.reason, digest, author: req.author, created_at: now, base };
  return {
    column: inPack === null ? (pointer.slice(1) as RedactableField) : "context_pack",
    value,
    record,
    link: { kind: "redaction", interactionId: t.row.id, fields: id, contentHash: redactionHash(record), at: now },
  };
}
