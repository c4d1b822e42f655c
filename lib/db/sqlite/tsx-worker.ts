import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * A thread running the TypeScript module at `url` outside the server: scripts and tests run
 * TypeScript through tsx, which the thread registers for itself. In the server the caller writes
 * `new Worker(new URL("./module.ts", import.meta.url))` itself, the form its bundler builds.
 */
export function tsxWorker(url: URL, options: WorkerOptions): Worker {
  return new Worker(`import { register } from "tsx/esm/api"; register(); await import(${JSON.stringify(url.href)});`, { ...options, eval: true });
}
