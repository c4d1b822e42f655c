import { describe, expect, inject, it } from "vitest";
import { apiFetch, expectError, postJson, uid } from "../helpers/api";
import { rowsMentioning } from "../helpers/db";
import { runScript } from "../helpers/run-script";

// `npm run token -- ...` against the shared server's database, as an operator runs it.
const token = (args: string[]) => runScript("scripts/token.ts", args, { DATABASE_URL: inject("databaseUrl") });

// Each run starts tsx (1-2 s on a loaded machine), so these tests get more time.
describe("npm run token", { timeout: 90_000 }, () => {
  it("creates a scoped token shown once, lists it without its secret, and revokes it", async () => {
    const name = uid("cli-token");
    const created = await token(["create", "--name", name, "--scope", "capture"]);
    expect(created.code).toBe(0);
    const secret = created.stdout.match(/ato_[\w-]+/)?.[0];
    expect(secret).toBeDefined();

    // The capture scope writes and does not read.
    const marker = uid("via-cli-token");
    expect((await postJson("/api/interactions", { prompt: marker }, { auth: secret })).status).toBe(201);
    await expectError(await apiFetch("/api/interactions", { auth: secret }), 403, "forbidden");

    const listed = await token(["list"]);
    expect(listed.code).toBe(0);
    const line = listed.stdout.split("\n").find((l) => l.includes(name));
    expect(line).toMatch(/\tcapture\t.*last used 20.*\tactive$/);
    expect(listed.stdout).not.toContain(secret);

    const revoked = await token(["revoke", name]);
    expect(revoked.code).toBe(0);
    await expectError(await postJson("/api/interactions", { prompt: `${marker}-after` }, { auth: secret }), 401, "unauthorized");
    expect(await rowsMentioning(marker)).toBe(1);
    expect((await token(["list"])).stdout.split("\n").find((l) => l.includes(name))).toMatch(/revoked/);
  });

  it("refuses an unknown scope, a missing name and an unknown token with a non-zero exit", async () => {
    expect((await token(["create", "--name", uid("bad"), "--scope", "nope"])).code).not.toBe(0);
    expect((await token(["create", "--scope", "read"])).code).not.toBe(0);
    expect((await token(["revoke", uid("nobody")])).code).not.toBe(0);
  });
});
