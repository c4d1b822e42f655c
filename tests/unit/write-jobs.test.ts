import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "@/lib/db/sqlite/migrate";
import { appErrorFromWire, AppError, ConflictError, errorFromWire, errorToWire, NotFoundError, ValidationError } from "@/lib/errors";
import { tempDbFile } from "../helpers/server";

// The write thread's transactions (lib/db/sqlite/write-jobs.ts): jobs that arrive together commit in
// one transaction, each in a savepoint, so that one job's failure never takes another's rows
// with it, and a failure of the transaction itself is every job's failure.
let file: string;
let lib: {
  runJobs: typeof import("@/lib/db/sqlite/write-jobs").runJobs;
  sqlite: typeof import("@/lib/db/sqlite/connection").sqlite;
  closeSqlite: typeof import("@/lib/db/sqlite/connection").closeSqlite;
  verify: typeof import("@/lib/audit/verify-stored-chain").verifyStoredChain;
};

beforeAll(async () => {
  file = tempDbFile("write-jobs");
  migrateSqlite(file);
  // Test-only triggers: a prompt that aborts its statement, and one that rolls back the whole transaction.
  const db = new Database(file);
  db.exec(`
    CREATE TRIGGER test_abort BEFORE INSERT ON interactions WHEN NEW.prompt = 'abort me'
    BEGIN SELECT RAISE(ABORT, 'aborted by the test trigger'); END;
    CREATE TRIGGER test_rollback BEFORE INSERT ON interactions WHEN NEW.prompt = 'roll everything back'
    BEGIN SELECT RAISE(ROLLBACK, 'rolled back by the test trigger'); END;`);
  db.close();
  process.env.DATABASE_URL = `file:${file}`;
  process.env.LOG_LEVEL = "silent";
  const [jobs, sqlite, verify] = await Promise.all([
    import("@/lib/db/sqlite/write-jobs"),
    import("@/lib/db/sqlite/connection"),
    import("@/lib/audit/verify-stored-chain"),
  ]);
  lib = { runJobs: jobs.runJobs, sqlite: sqlite.sqlite, closeSqlite: sqlite.closeSqlite, verify: verify.verifyStoredChain };
});
afterAll(() => lib.closeSqlite());

const capture = (prompt: string, extra: Record<string, unknown> = {}) => ({
  input: {
    prompt,
    response: "",
    response_summary: "",
    project: "write-jobs",
    client: "",
    session_id: "",
    memories_used: [],
    chunks_used: [],
    context_pack: {},
    ...extra,
  },
});
const prompts = () => lib.sqlite().prepare("SELECT prompt FROM interactions ORDER BY seq").pluck().all();

describe("runJobs", () => {
  it("commits jobs together; a job that fails rolls back only its own rows and answers its error", () => {
    const before = prompts().length;
    const results = lib.runJobs(lib.sqlite(), [
      { job: "store", payload: [capture("first")] },
      // Its first row is inserted before the second aborts: the savepoint takes both back.
      { job: "store", payload: [capture("stored, then undone"), capture("abort me")] },
      { job: "complete", payload: { id: "00000000-0000-4000-8000-000000000000", input: { response: "late" } } },
      { job: "store", payload: [capture("last")] },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, true]);
    expect(results[1]).toMatchObject({ ok: false, error: { message: expect.stringContaining("aborted by the test trigger") } });
    expect(results[2]).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(results[0]).toMatchObject({ ok: true, value: [{ status: "created", id: expect.any(String), createdAt: expect.any(Number) }] });
    expect(prompts().slice(before)).toEqual(["first", "last"]);
  });

  it("answers a retried id as the stored record and other content under it as a conflict", () => {
    const id = crypto.randomUUID();
    lib.runJobs(lib.sqlite(), [{ job: "store", payload: [capture("original", { id })] }]);
    const [same, other] = lib.runJobs(lib.sqlite(), [
      { job: "store", payload: [capture("original", { id })] },
      { job: "store", payload: [capture("different", { id })] },
    ]);
    expect(same).toMatchObject({ ok: true, value: [{ status: "duplicate", interaction: { id, prompt: "original" } }] });
    expect(other).toMatchObject({ ok: true, value: [{ status: "error", error: { code: "conflict" } }] });
  });

  it("a failure of the transaction itself is every job's: none of them is stored", () => {
    const before = prompts().length;
    const results = lib.runJobs(lib.sqlite(), [
      { job: "store", payload: [capture("would have been stored")] },
      { job: "store", payload: [capture("roll everything back")] },
      { job: "store", payload: [capture("never reached")] },
    ]);
    expect(results.every((r) => !r.ok && r.error.message.includes("rolled back by the test trigger"))).toBe(true);
    expect(prompts().length).toBe(before);
    expect(lib.sqlite().inTransaction).toBe(false);
    // The connection goes on serving the next jobs.
    expect(lib.runJobs(lib.sqlite(), [{ job: "store", payload: [capture("after")] }])[0].ok).toBe(true);
  });

  it("chains what it commits: the stored chain verifies", async () => {
    const report = await lib.verify(`file:${file}`);
    // first, last, original, after: every stored row has its link, no rolled-back row left one.
    expect(report).toMatchObject({ status: "ok", links_checked: 4, unchained: { count: 0 } });
  });
});

describe("errors across the thread boundary", () => {
  it("come back as the class and code they left with", () => {
    const roundTrip = (e: unknown) => errorFromWire(structuredClone(errorToWire(e)));
    expect(roundTrip(new NotFoundError("gone"))).toBeInstanceOf(NotFoundError);
    expect(roundTrip(new ConflictError("taken"))).toBeInstanceOf(ConflictError);
    const invalid = roundTrip(new ValidationError("bad", [{ path: ["prompt"], message: "required" }]));
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as AppError).issues).toEqual([{ path: ["prompt"], message: "required" }]);
    expect(appErrorFromWire(errorToWire(new AppError("unavailable", "later")))).toMatchObject({ code: "unavailable", status: 503 });
    const plain = roundTrip(new Error("disk I/O error"));
    expect(plain).not.toBeInstanceOf(AppError);
    expect(plain.message).toBe("disk I/O error");
    expect(plain.stack).toContain("disk I/O error");
  });
});
