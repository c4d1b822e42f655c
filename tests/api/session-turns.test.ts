import { describe, expect, it } from "vitest";
import { InteractionPackDiffSchema, SessionTurnsWindowSchema, TURN_TEXT_CHARS } from "@/lib/sessions/schema";
import { apiFetch, expectError, getJson, uid } from "../helpers/api";
import { insertDirect, type DirectRow } from "../helpers/db";
import { realisticSession } from "../helpers/realistic-session";

const T0 = Date.UTC(2026, 2, 1);
const memories = (...ids: string[]) => ids.map((id) => ({ memory_id: id, text: `text of ${id}` }));

/** Four turns whose packs change in known ways. */
async function seedFour() {
  const session_id = uid("turns");
  const rows: DirectRow[] = [
    { context_pack: { memories: memories("m1", "m2", "m3") }, memories_used: ["m1"] },
    // m3 used now (offered before), m4 entered, m1 left: the used ids alone would say +m3 -m1.
    { context_pack: { memories: memories("m2", "m3", "m4") }, memories_used: ["m3"] },
    { context_pack: { memories: [...memories("m2", "m4"), { memory_id: "m3", text: "rewritten 日本語" }] }, memories_used: ["m3"] },
    { context_pack: { memories: memories("m2", "m4") }, memories_used: ["m3"] },
  ].map((t, i) => ({
    session_id,
    prompt: `turn ${i + 1}`,
    memories_used: JSON.stringify(t.memories_used),
    context_pack: JSON.stringify(t.context_pack),
    created_at: T0 + i * 1000,
  }));
  const ids = await insertDirect(rows);
  return { session_id, ids };
}

async function turns(sessionId: string, query: Record<string, string> = {}) {
  const { status, body } = await getJson(`/api/sessions/${encodeURIComponent(sessionId)}/turns?${new URLSearchParams(query)}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return SessionTurnsWindowSchema.parse(body);
}

const brief = (diff: { items: { change: string; id: string; text_changed: boolean; mark_changed: boolean }[] } | null) =>
  diff?.items.map((i) => `${i.change}:${i.id}${i.text_changed ? ":text" : ""}${i.mark_changed ? ":mark" : ""}`);

describe("GET /api/sessions/{id}/turns", () => {
  it("serves a window of turns with pack counts and each turn's pack diff, without the packs", async () => {
    const { session_id, ids } = await seedFour();
    const all = await turns(session_id);
    expect(all.session.turns).toBe(4);
    expect(all.turns.map((t) => [t.id, t.turn])).toEqual(ids.map((id, i) => [id, i + 1]));
    expect(all.next_from).toBeNull();
    expect(all.turns[0]).not.toHaveProperty("context_pack");
    expect(all.turns[0]).toMatchObject({ pack: { items: 3, used: 1, offered: 2 }, previous_at: null, pack_diff: null });
    expect(all.turns.slice(1).map((t) => brief(t.pack_diff))).toEqual([
      ["entered:m4", "left:m1", "changed:m3:mark"],
      ["changed:m3:text"],
      ["left:m3"],
    ]);
    expect(all.turns[2].pack_diff!.items[0]).toMatchObject({ text: "rewritten 日本語", previous_text: "text of m3", mark: "used", previous_mark: "used" });
    expect(all.turns[1].previous_at).toBe(all.turns[0].created_at);

    const middle = await turns(session_id, { from: "2", limit: "2" });
    expect(middle.turns.map((t) => t.turn)).toEqual([2, 3]);
    expect(middle.turns[0].pack_diff).toEqual(all.turns[1].pack_diff);
    expect(middle.next_from).toBe(4);
    expect((await turns(session_id, { from: "9" })).turns).toEqual([]);
  });

  it("cuts prompts, responses and summaries to TURN_TEXT_CHARS characters and gives their whole lengths", async () => {
    const session_id = uid("big-texts");
    // ~2 MB prompts with an emoji (two UTF-16 units, one character) across the cut.
    const big = (i: number) => `${"キャッシュ".repeat(1_999)}🚀${"x".repeat(2_000_000)} turn ${i}`;
    const rows: DirectRow[] = Array.from({ length: 12 }, (_, i) => ({
      session_id,
      prompt: big(i),
      response: i % 2 === 0 ? "short answer 👍🏽" : "",
      response_summary: i % 2 === 0 ? "" : "y".repeat(TURN_TEXT_CHARS + 1),
      created_at: T0 + i * 1000,
    }));
    await insertDirect(rows);
    const window = await turns(session_id, { limit: "100" });
    expect(window.turns).toHaveLength(12);
    window.turns.forEach((t, i) => {
      const whole = big(i);
      expect(t.text_chars.prompt).toBe([...whole].length);
      expect([...t.prompt]).toHaveLength(TURN_TEXT_CHARS);
      expect(whole.startsWith(t.prompt)).toBe(true);
      if (i % 2 === 0) {
        expect(t).toMatchObject({ response: "short answer 👍🏽", text_chars: { response: [..."short answer 👍🏽"].length, response_summary: 0 } });
      } else {
        expect(t.response_summary).toBe("y".repeat(TURN_TEXT_CHARS));
        expect(t.text_chars).toMatchObject({ response: 0, response_summary: TURN_TEXT_CHARS + 1 });
      }
    });
    // The whole text is one request away, as the record or alone.
    const one = await getJson(`/api/interactions/${window.turns[3].id}`);
    expect((one.body as { prompt: string }).prompt).toBe(big(3));
    const text = await apiFetch(`/api/interactions/${window.turns[3].id}/text?field=prompt`);
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await text.text()).toBe(big(3));
    const summary = await apiFetch(`/api/interactions/${window.turns[1].id}/text?field=response_summary`);
    expect(await summary.text()).toBe("y".repeat(TURN_TEXT_CHARS + 1));
    await expectError(await apiFetch(`/api/interactions/${window.turns[1].id}/text?field=context_pack`), 400, "validation_failed");
    await expectError(await apiFetch(`/api/interactions/${window.turns[1].id}/text`), 400, "validation_failed");
    await expectError(await apiFetch(`/api/interactions/${uid("none")}/text?field=prompt`), 404, "not_found");
  }, 60_000);

  it("refuses a bad window with the error envelope, and an unknown session with 404", async () => {
    const { session_id } = await seedFour();
    for (const query of ["from=0", "from=abc", "limit=0", "limit=101", "from=1.5"]) {
      await expectError(await apiFetch(`/api/sessions/${session_id}/turns?${query}`), 400, "validation_failed");
    }
    await expectError(await apiFetch(`/api/sessions/${uid("none")}/turns`), 404, "not_found");
  });

  it("reads windows of realistic turns (40 KB packs) anywhere in a long session", async () => {
    const session_id = uid("long");
    const rows = realisticSession({ sessionId: session_id, turns: 60, start: T0 });
    const ids = await insertDirect(rows);
    const window = await turns(session_id, { from: "45", limit: "10" });
    expect(window.turns.map((t) => t.id)).toEqual(ids.slice(44, 54));
    expect(window.next_from).toBe(55);
    // Each turn's pack has 20 memories and 30 chunks; 2 memories and 3 chunks change per turn.
    for (const t of window.turns) {
      expect(t.pack.items).toBe(50);
      expect(t.pack_diff!.counts.entered).toBeLessThanOrEqual(5);
      expect(t.pack_diff!.counts.entered).toBe(t.pack_diff!.counts.left);
    }
  });
});

describe("GET /api/interactions/{id}/pack-diff", () => {
  it("compares the pack with the previous turn's, as the turns window does", async () => {
    const { session_id, ids } = await seedFour();
    const all = await turns(session_id);
    const { status, body } = await getJson(`/api/interactions/${ids[1]}/pack-diff`);
    expect(status).toBe(200);
    expect(InteractionPackDiffSchema.parse(body)).toEqual({
      interaction_id: ids[1],
      session_id,
      turn: 2,
      previous_turn: 1,
      previous_id: ids[0],
      pack_diff: all.turns[1].pack_diff,
    });
    const first = InteractionPackDiffSchema.parse((await getJson(`/api/interactions/${ids[0]}/pack-diff`)).body);
    expect(first).toMatchObject({ turn: 1, previous_turn: null, pack_diff: null });
    const [alone] = await insertDirect([{ prompt: "no session", created_at: T0 }]);
    expect(InteractionPackDiffSchema.parse((await getJson(`/api/interactions/${alone}/pack-diff`)).body)).toMatchObject({ session_id: null, pack_diff: null });
    await expectError(await apiFetch(`/api/interactions/${uid("nope")}/pack-diff`), 404, "not_found");
  });
});

describe("GET /api/sessions/{id}/export", () => {
  it("streams the JSON and Markdown exports a turn at a time, with each turn's pack diff", async () => {
    const { session_id, ids } = await seedFour();
    const res = await apiFetch(`/api/sessions/${session_id}/export?format=json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = (await res.json()) as { session: { turns: number }; turns: { id: string; turn: number; context_pack: unknown; pack_diff: unknown }[] };
    expect(body.session.turns).toBe(4);
    expect(body.turns.map((t) => [t.id, t.turn])).toEqual(ids.map((id, i) => [id, i + 1]));
    expect(body.turns[0]).toMatchObject({ pack_diff: null, context_pack: { memories: memories("m1", "m2", "m3") } });
    expect(brief(body.turns[1].pack_diff as never)).toEqual(["entered:m4", "left:m1", "changed:m3:mark"]);

    const md = await (await apiFetch(`/api/sessions/${session_id}/export?format=md`)).text();
    expect(md).toContain("- Memory entered: `m4` — text of m4 (offered)");
    expect(md).toContain("- Memory left: `m1` — text of m1 (was used)");
    expect(md).toContain("- Memory now used (was offered): `m3`");
    expect(md).toContain("- Memory text changed: `m3` — rewritten 日本語 (was: text of m3)");
    expect(md.indexOf("## Turn 4")).toBeGreaterThan(md.indexOf("## Turn 3"));
    await expectError(await apiFetch(`/api/sessions/${uid("none")}/export?format=md`), 404, "not_found");
  });
});
