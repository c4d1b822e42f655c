import { canonicalJson } from "@/lib/canonical-json";
import type { ChainedRow, CompletableField } from "@/lib/audit/canonical-content";
import { sha256 } from "@/lib/audit/sha256";
import { ancestorPointers } from "@/lib/context-pack/json-pointer";

// The chain's content rules for rows that can be redacted (links marked "v2"), and for the
// redaction links themselves. A v1 capture link covers the row's text itself, which a redaction
// removes; a v2 link covers a digest of each part instead, so the hash can be recomputed from
// what a redaction keeps (its digest) in place of what it removed:
//
//   field digest  = SHA-256 of the field's UTF-8 text
//   node digest   = a Merkle hash of the pack's JSON tree:
//                   scalar: SHA-256(its JSON text, JSON.stringify)
//                   array:  SHA-256("[" + the elements' node digests joined by "," + "]")
//                   object: SHA-256("{" + for each key in sorted order JSON.stringify(key) + ":"
//                           + the value's node digest, joined by "," + "}")
//   capture v2    = SHA-256(JSON.stringify(["capture", 2, id, digest(prompt), digest(response),
//                   digest(response_summary), project, client, session_id, memories_used,
//                   chunks_used, node digest of the pack, created_at]))  (completed-later fields "")
//   completion v2 = SHA-256(JSON.stringify(["completion", 2, id, response_added_at,
//                   field, digest(value), ...]))
//   redaction     = SHA-256(JSON.stringify(["redaction", record id, interaction id, pointer,
//                   digest, reason, author, created_at, base]))
//
// A redacted part contributes the digest its redaction recorded, which is the digest of what
// it removed: whoever holds the removed text recomputes that digest to prove what it was.
// `base` is the capture v2 hash of the row, checked against the row's links when the redaction
// was made; it is what a row captured under v1 is verified against once it is redacted.

export const CAPTURE_V2 = "v2";
export const COMPLETION_V2_PREFIX = "v2:";
/** What a redacted field holds. */
export const REDACTED_FIELD_TEXT = "[redacted]";
export const REDACTABLE_FIELDS = ["prompt", "response", "response_summary"] as const;
export type RedactableField = (typeof REDACTABLE_FIELDS)[number];

/** What a redacted subtree of a pack holds. */
export type PackMarker = { redacted: true; digest: string; reason: string };
export const packMarker = (digest: string, reason: string): PackMarker => ({ redacted: true, digest, reason });

/** One redaction as the verifier and the writers see it. */
export type RedactionRecord = {
  id: string;
  interaction_id: string;
  pointer: string;
  reason: string;
  digest: string;
  author: string;
  created_at: number;
  base: string;
};

/** The pack-relative pointer of a "/context_pack/..." pointer, or null for a field's pointer. */
export function packPointer(pointer: string): string | null {
  if (pointer === "/context_pack") return "";
  return pointer.startsWith("/context_pack/") ? pointer.slice("/context_pack".length) : null;
}

export const fieldDigest = (text: string) => sha256(text);

/** The Merkle digest of a JSON value, with the digests of redacted subtrees (pack-relative pointers) in their place. */
export function nodeDigest(value: unknown, redacted?: ReadonlyMap<string, string>, at = ""): string {
  return redacted?.size ? digestWithKept(value, redacted, at) : digestOf(value);
}

function digestOf(value: unknown): string {
  if (typeof value !== "object" || value === null) return sha256(JSON.stringify(value));
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) text += (i ? "," : "") + digestOf(value[i]);
    return sha256(text + "]");
  }
  const o = value as Record<string, unknown>;
  let text = "{";
  for (const k of Object.keys(o).sort()) text += (text.length > 1 ? "," : "") + JSON.stringify(k) + ":" + digestOf(o[k]);
  return sha256(text + "}");
}

function digestWithKept(value: unknown, kept: ReadonlyMap<string, string>, at: string): string {
  const stored = kept.get(at);
  if (stored !== undefined) return stored;
  const child = (k: string) => `${at}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  if (Array.isArray(value)) return sha256(`[${value.map((v, i) => digestWithKept(v, kept, child(String(i)))).join(",")}]`);
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return sha256(`{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${digestWithKept(o[k], kept, child(k))}`).join(",")}}`);
  }
  return sha256(JSON.stringify(value));
}

/** The digests redactions keep for a row: by field, and by pack-relative pointer. */
export type KeptDigests = { fields: Map<string, string>; pack: Map<string, string> };

export function keptDigests(records: readonly Pick<RedactionRecord, "pointer" | "digest">[]): KeptDigests {
  const kept: KeptDigests = { fields: new Map(), pack: new Map() };
  for (const r of records) {
    const p = packPointer(r.pointer);
    if (p === null) kept.fields.set(r.pointer.slice(1), r.digest);
    else kept.pack.set(p, r.digest);
  }
  return kept;
}

const NONE: KeptDigests = { fields: new Map(), pack: new Map() };
const keptOr = (kept: KeptDigests, field: string, text: string) => kept.fields.get(field) ?? fieldDigest(text);

/** The capture v2 content hash; `pack` is the row's pack, parsed when not given. */
export function captureV2Hash(row: ChainedRow, completedLater: ReadonlySet<string>, kept: KeptDigests = NONE, pack?: unknown): string {
  const at = (f: CompletableField) => (completedLater.has(f) ? fieldDigest("") : keptOr(kept, f, row[f]));
  return sha256(
    JSON.stringify([
      "capture",
      2,
      row.id,
      keptOr(kept, "prompt", row.prompt),
      at("response"),
      at("response_summary"),
      row.project,
      row.client,
      row.session_id,
      row.memories_used,
      row.chunks_used,
      nodeDigest(pack === undefined ? JSON.parse(row.context_pack) : pack, kept.pack),
      Number(row.created_at),
      row.occurred_at == null ? null : Number(row.occurred_at),
    ]),
  );
}

export function completionV2Hash(row: Pick<ChainedRow, "id" | "response_added_at" | CompletableField>, fields: readonly CompletableField[], kept: KeptDigests = NONE): string {
  const addedAt = row.response_added_at === null ? null : Number(row.response_added_at);
  return sha256(JSON.stringify(["completion", 2, row.id, addedAt, ...fields.flatMap((f) => [f, keptOr(kept, f, row[f])])]));
}

export function redactionHash(r: RedactionRecord): string {
  return sha256(JSON.stringify(["redaction", r.id, r.interaction_id, r.pointer, r.digest, r.reason, r.author, Number(r.created_at), r.base]));
}

/** The value at a pack-relative pointer, or undefined when there is none. */
export function valueAt(pack: unknown, tokens: readonly string[]): unknown {
  let at = pack;
  for (const t of tokens) {
    if (Array.isArray(at)) {
      if (!/^(0|[1-9]\d*)$/.test(t) || Number(t) >= at.length) return undefined;
      at = at[Number(t)];
    } else if (at !== null && typeof at === "object" && Object.hasOwn(at, t)) {
      at = (at as Record<string, unknown>)[t];
    } else return undefined;
  }
  return at;
}

/** The pack with the node at `tokens` (which exists) replaced; the root itself when there are none. */
export function replaceAt(pack: unknown, tokens: readonly string[], marker: unknown): unknown {
  if (tokens.length === 0) return marker;
  const parent = valueAt(pack, tokens.slice(0, -1)) as Record<string, unknown> | unknown[];
  const key = tokens.at(-1)!;
  if (Array.isArray(parent)) parent[Number(key)] = marker;
  else parent[key] = marker;
  return pack;
}

/** Whether `pointer` lies inside the subtree another redaction of the same row removed. */
export function coveredBy(pointer: string, others: readonly Pick<RedactionRecord, "pointer">[]): boolean {
  const ancestors = new Set(ancestorPointers(pointer));
  return others.some((o) => o.pointer !== pointer && ancestors.has(o.pointer));
}

/**
 * The first redacted place of a row that does not hold its marker exactly (a marker edited,
 * or content put back), or null: what a redaction put there is covered by the chain.
 */
export function markerProblem(row: Pick<ChainedRow, RedactableField | "context_pack">, records: readonly RedactionRecord[], pointerTokens: (p: string) => string[] | null): string | null {
  let pack: unknown;
  for (const r of records) {
    if (coveredBy(r.pointer, records)) continue;
    const p = packPointer(r.pointer);
    if (p === null) {
      if (row[r.pointer.slice(1) as RedactableField] !== REDACTED_FIELD_TEXT) return r.pointer;
      continue;
    }
    pack ??= JSON.parse(row.context_pack);
    const tokens = pointerTokens(p);
    const found = tokens && valueAt(pack, tokens);
    if (canonicalJson(found) !== canonicalJson(packMarker(r.digest, r.reason))) return r.pointer;
  }
  return null;
}
