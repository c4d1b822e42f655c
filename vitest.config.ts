import { defineConfig } from "vitest/config";

// Vitest 5's reporters call Map.groupBy (Node 21+): on Node 20 they crash while printing a
// failure and hide it. This polyfill runs in the main process, where the reporters live.
const MapWithGroupBy = Map as unknown as { groupBy?: unknown };
MapWithGroupBy.groupBy ??= <T, K>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> => {
  const groups = new Map<K, T[]>();
  let i = 0;
  for (const item of items) {
    const k = key(item, i++);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

const alias = { "@": import.meta.dirname };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/helpers/global-setup.ts"],
          // The API files spend most of their time waiting on the shared server (and on the
          // servers, CLIs and clusters some start), so three at a time keep both cores busy
          // where Vitest's default (cores - 1 = 1) leaves one idle.
          maxWorkers: 3,
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
