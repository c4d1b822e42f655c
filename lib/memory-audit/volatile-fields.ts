// A memory's or chunk's "version" is its object in the pack without the fields a retriever
// recomputes for every query: how well it matched, where it ranked. Two packs that carry the
// same text with different scores show the same version; a changed text is a new version.
// The migrations (prisma/migrations/20261207030000_item_index and its PostgreSQL twin) name
// these keys in their SQL; tests/unit/memory-audit-volatile.test.ts keeps them equal.
// Only top-level keys of the item's object are dropped.
export const VOLATILE_FIELDS = [
  "score",
  "scores",
  "rank",
  "ranking",
  "distance",
  "similarity",
  "relevance",
  "relevance_score",
  "rerank_score",
  "confidence",
  "weight",
  "position",
] as const;
