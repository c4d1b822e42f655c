// The production server's memory settings, used by `npm start` (scripts/start.mjs) and by
// `npm run bench` (so the bench measures the server as it is deployed). Under capture load the
// live V8 heap is a fraction of the resident set (app/api/bench/memory shows the split); the
// rest is the young generation, native allocations and code.
//  - --max-semi-space-size=8: the young generation's semi-spaces at 8 MB instead of 16 MB halve
//    its resident size. Smaller ones would let a large answer's objects (a 1,000-turn session
//    is a few MB of JSON built from parsed rows) outlive the scavenges and be promoted to the
//    old generation's slower collector.
//  - --max-old-space-size=256: the old generation grows lazily towards a limit derived from the
//    machine's memory (gigabytes); capping it keeps it collected at a few times the live
//    heap, with headroom for the largest answers (a 1,000-turn session is a few MB).
//  - MALLOC_ARENA_MAX=2: glibc gives each thread (libuv's pool, V8's GC helpers) its own malloc
//    arena; two arenas keep native allocations from fragmenting across them.
//  - MALLOC_MMAP_THRESHOLD_=1048576: allocations of 1 MiB and more (the buffers of a multi-MB
//    request body and of its answer) get pages of their own, returned when freed. Left
//    dynamic, glibc raises the threshold after the first large free, and the next large
//    buffers come from the arena, which keeps the pages.
// The user's own NODE_OPTIONS come after ours, so they win.

export const SERVER_NODE_OPTIONS = "--max-semi-space-size=8 --max-old-space-size=256";

/** The environment to start next-server with, given the current one. */
export function serverEnv(env = process.env) {
  return {
    MALLOC_ARENA_MAX: "2",
    MALLOC_MMAP_THRESHOLD_: "1048576",
    ...env,
    NODE_OPTIONS: [SERVER_NODE_OPTIONS, env.NODE_OPTIONS].filter(Boolean).join(" "),
  };
}
