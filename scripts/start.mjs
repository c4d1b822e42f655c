// `npm start`: build when no current build exists, then serve. The server applies pending
// migrations itself as it starts (instrumentation.ts), so an existing database upgrades in place.
import { spawn } from "node:child_process";
import { ensureBuild } from "./build-state.mjs";
import { serverEnv } from "./server-flags.mjs";

ensureBuild();
const port = process.env.PORT || "3000";
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], {
  stdio: "inherit",
  // Heap and allocator settings: see scripts/server-flags.mjs.
  env: { ...serverEnv(), NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
