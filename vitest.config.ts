import { defineConfig } from "vitest/config";

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
