import {
  captureContentHash,
  completionContentHash,
  GENESIS,
  linkHash,
  parseFields,
  type ChainedRow,
} from "@/lib/audit/canonical-content";
import type { DatabaseKind } from "@/lib/db/database-kind";
import { Prisma } from "@/lib/generated/prisma/client";

export type BrokenLink = {
  /** The audit_chain row (its seq) where the chain first fails. */
  link: number;
  kind: string;
  interaction_id: string;
  problem: "row_changed" | "row_missing" | "link_changed" | "link_missing";
  message: string;
  expected: string;
  stored: string;
};

export type VerifyReport = {
  status: "ok" | "broken";
  links_checked: number;
  head: { link: number; hash: string } | null;
  broken: BrokenLink | null;
  /** Rows written around the API (other tools, imports): not covered by the chain. */
  unchained: { count: number; sample_ids: string[] };
  verified_at: string;
};

type LinkRow = {
  link: number;
  kind: string;
  interaction_id: string;
  fields: string;
  content_hash: string;
  prev_hash: string;
  hash: string;
} & ({ row_id: string } & Omit<ChainedRow, "id">);

const BATCH = 2000;
const nextTick = () => new Promise((r) => setImmediate(r));

/**
 * The verifier's reads, on one consistent snapshot of either database (verify-stored-chain.ts
 * opens it). Queries are built with Prisma.sql: `.sql` (? placeholders) for SQLite, `.text`
 * ($n) for PostgreSQL.
 */
export type ChainReader = {
  kind: DatabaseKind;
  all<T>(query: Prisma.Sql): Promise<T[]>;
};

// The covered columns as the writers hashed them (lib/audit/canonical-content.ts): SQLite gives
// the stored JSON text and epoch ms as they are; PostgreSQL gives jsonb's own text and converts
// its timestamptz(3) to epoch ms.
const COVERED_COLUMNS: Record<DatabaseKind, Prisma.Sql> = {
  sqlite: Prisma.raw("i.memories_used, i.chunks_used, i.context_pack, i.created_at, i.response_added_at"),
  postgres: Prisma.raw(
    `i.memories_used::text AS memories_used, i.chunks_used::text AS chunks_used, i.context_pack::text AS context_pack,
     (extract(epoch FROM i.created_at) * 1000)::bigint AS created_at,
     (extract(epoch FROM i.response_added_at) * 1000)::bigint AS response_added_at`,
  ),
};

const linkPage = (kind: DatabaseKind, after: number) => Prisma.sql`
  SELECT c.seq AS link, c.kind, c.interaction_id, c.fields, c.content_hash, c.prev_hash, c.hash,
         i.id AS row_id, i.prompt, i.response, i.response_summary, i.project, i.client, i.session_id,
         ${COVERED_COLUMNS[kind]}
  FROM audit_chain c LEFT JOIN interactions i ON i.id = c.interaction_id
  WHERE c.seq > ${after} ORDER BY c.seq LIMIT ${BATCH}`;

const UNCHAINED = Prisma.sql`FROM interactions i WHERE NOT EXISTS
  (SELECT 1 FROM audit_chain c WHERE c.interaction_id = i.id AND c.kind = 'capture')`;

/** Fields each interaction's completions filled: its capture is recomputed with them empty. */
async function completedFields(reader: ChainReader): Promise<Map<string, Set<string>>> {
  const completed = new Map<string, Set<string>>();
  const rows = await reader.all<{ interaction_id: string; fields: string }>(
    Prisma.sql`SELECT interaction_id, fields FROM audit_chain WHERE kind = 'completion'`,
  );
  for (const c of rows) {
    const set = completed.get(c.interaction_id) ?? new Set<string>();
    for (const f of parseFields(c.fields)) set.add(f);
    completed.set(c.interaction_id, set);
  }
  return completed;
}

function check(l: LinkRow, prevHash: string, completed: Map<string, Set<string>>): BrokenLink | null {
  const at = { link: l.link, kind: l.kind, interaction_id: l.interaction_id };
  if (l.row_id === null) {
    return { ...at, problem: "row_missing", message: `interaction ${l.interaction_id} was deleted: link ${l.link} covers its ${l.kind} but the row is gone`, expected: l.content_hash, stored: "(no row)" };
  }
  const row: ChainedRow = { ...l, id: l.row_id };
  const content =
    l.kind === "capture"
      ? captureContentHash(row, completed.get(l.interaction_id) ?? new Set())
      : completionContentHash(row, parseFields(l.fields));
  if (content !== l.content_hash) {
    return { ...at, problem: "row_changed", message: `interaction ${l.interaction_id} was changed after its ${l.kind} was recorded (link ${l.link})`, expected: l.content_hash, stored: content };
  }
  if (l.prev_hash !== prevHash) {
    return { ...at, problem: "link_missing", message: `link ${l.link} does not follow the link before it: a link was removed, inserted or rewritten before it`, expected: prevHash, stored: l.prev_hash };
  }
  const hash = linkHash(l.prev_hash, l.content_hash);
  if (hash !== l.hash) {
    return { ...at, problem: "link_changed", message: `link ${l.link} was rewritten: its hash does not match its content`, expected: hash, stored: l.hash };
  }
  return null;
}

/**
 * Recomputes the whole chain from the stored rows and reports the first broken link. Reads
 * in batches, yielding between them so a server stays responsive; `reader` must read one
 * consistent snapshot.
 */
export async function verifyChain(reader: ChainReader): Promise<VerifyReport> {
  const completed = await completedFields(reader);
  let prevHash = GENESIS;
  let after = 0;
  let checked = 0;
  let broken: BrokenLink | null = null;
  let head: VerifyReport["head"] = null;
  while (!broken) {
    const links = await reader.all<LinkRow>(linkPage(reader.kind, after));
    for (const l of links) {
      broken = check(l, prevHash, completed);
      if (broken) break;
      checked++;
      prevHash = l.hash;
      head = { link: l.link, hash: l.hash };
    }
    if (links.length < BATCH) break;
    after = links.at(-1)!.link;
    await nextTick();
  }
  // count(*) is a bigint on PostgreSQL, which pg hands over as text.
  const [{ n }] = await reader.all<{ n: number | string }>(Prisma.sql`SELECT count(*) AS n ${UNCHAINED}`);
  const count = Number(n);
  const sample = count ? (await reader.all<{ id: string }>(Prisma.sql`SELECT i.id ${UNCHAINED} ORDER BY i.seq LIMIT 5`)).map((r) => r.id) : [];
  return {
    status: broken ? "broken" : "ok",
    links_checked: checked,
    head,
    broken,
    unchained: { count, sample_ids: sample },
    verified_at: new Date().toISOString(),
  };
}
