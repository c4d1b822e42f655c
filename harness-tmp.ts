import { insertRows } from "/work/wt-session/tests/helpers/direct-rows";
import { withDatabase } from "/work/wt-session/tests/helpers/open-db";
import { bigPackRow, realisticSession } from "/work/wt-session/tests/helpers/realistic-session";
import { startServer } from "/work/wt-session/tests/helpers/server";
// @ts-expect-error mjs
import { serverEnv } from "/work/wt-session/scripts/server-flags.mjs";
import { writeFileSync } from "node:fs";

const turns = Number(process.argv[2] ?? 1000);
const server = await startServer({ env: serverEnv({}) });
const sessionId = "scale-1000";
const start = Date.UTC(2026, 5, 1);
const rows = [...realisticSession({ sessionId, turns, start }), bigPackRow(sessionId, start + (turns + 1) * 20_000)];
const inserted = await withDatabase(server.databaseUrl, (db) => insertRows(db, rows));
writeFileSync("/tmp/sess/server.json", JSON.stringify({ url: server.url, token: server.token, pid: server.pid, bigId: inserted.at(-1)!.id, ids: inserted.map(r => r.id) }));
console.log("ready", server.url);
process.on("SIGTERM", async () => { await server.stop(); process.exit(0); });
setInterval(() => {}, 1 << 30);
