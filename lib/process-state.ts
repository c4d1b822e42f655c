/**
 * One value per server process under `key`, created by `init` the first time. Next.js loads a
 * module once per bundle layer (route handlers, pages, instrumentation), so module-level state
 * would be one copy each: a job started by the API would be invisible to /audit, and a cache
 * the start-up warm-up fills would not be the one pages read.
 */
export function processState<T extends object>(key: string, init: () => T): T {
  const store = globalThis as unknown as Record<string, T | undefined>;
  return (store[`atocore:${key}`] ??= init());
}
