import { describe, expect, it } from "vitest";
import { PackAnswerSchema, PackItemsPageSchema, PackNodeSchema } from "@/lib/context-pack/schema";
import { apiFetch, expectError, getJson, postJson, uid } from "../helpers/api";
import { bigPack } from "../helpers/big-pack";
import { insertDirect } from "../helpers/db";

async function pack(id: string, query = "") {
  const { status, body } = await getJson(`/api/interactions/${encodeURIComponent(id)}/pack${query}`);
  expect(status, JSON.stringify(body).slice(0, 500)).toBe(200);
  return PackAnswerSchema.parse(body);
}

async function page(id: string, query = "") {
  return PackItemsPageSchema.parse(await pack(id, query));
}

describe("GET /api/interactions/{id}/pack", () => {
  const marker = uid("zebra");
  const big = bigPack({ marker });
  const bigId = insertDirect([
    {
      prompt: uid("big-pack"),
      memories_used: JSON.stringify(big.memoriesUsed),
      chunks_used: JSON.stringify([...big.chunksUsed, "doc-ghost#1"]),
      context_pack: JSON.stringify(big.pack),
      created_at: Date.now(),
    },
  ]).then(([id]) => id);

  it("pages a 3 MB pack's 3,000 items, in document order, with the summary", async () => {
    const id = await bigId;
    // PostgreSQL's jsonb keeps an object's keys in its own order (shorter first), so the pack's
    // fields may come in either order; each array keeps its own.
    const first = await page(id);
    expect(first.total).toBe(3000);
    expect(first.items).toHaveLength(50);
    expect(first.items.map((i) => i.pointer)).toEqual(Array.from({ length: 50 }, (_, i) => first.items[0].pointer.replace(/0$/, String(i))));
    const memories = await page(id, "?pointer=/memories");
    expect(memories.total).toBe(1500);
    expect(memories.items[0]).toEqual({
      pointer: "/memories/0",
      id: "mem-0",
      kind: "memory",
      mark: "used",
      preview: `${String(big.pack.memories[0].text).slice(0, 160)}…`,
      size: Buffer.byteLength(JSON.stringify(big.pack.memories[0])),
    });
    expect(first.summary).toMatchObject({ items: 3000, used: 300, offered: 2700, memories: 1500, chunks: 1500, missing_memories: [], missing_chunks: ["doc-ghost#1"] });
    expect(first.summary.bytes).toBe(Buffer.byteLength(JSON.stringify(big.pack)));
    expect(Object.fromEntries(first.summary.fields.map((f) => [f.key, f.items]))).toEqual({ query: 0, settings: 0, memories: 1500, chunks: 1500 });

    const later = await page(id, "?pointer=/chunks&offset=1490&limit=200");
    expect(later).toMatchObject({ total: 1500, offset: 1490, limit: 200 });
    expect(later.items.map((i) => i.pointer)).toEqual(Array.from({ length: 10 }, (_, i) => `/chunks/${1490 + i}`));
    // A page answer is small whatever the pack's size.
    const res = await apiFetch(`/api/interactions/${id}/pack?limit=200`);
    expect((await res.text()).length).toBeLessThan(100_000);
  });

  it("filters on used items and on text, over the whole pack", async () => {
    const id = await bigId;
    const used = await page(id, "?used=1&limit=200");
    expect(used.total).toBe(300);
    expect(used.items.every((i) => i.mark === "used")).toBe(true);
    const allUsed = [];
    for (let offset = 0; offset < used.total; offset += 200) allUsed.push(...(await page(id, `?used=1&limit=200&offset=${offset}`)).items.map((i) => i.id));
    expect(allUsed.sort()).toEqual([...big.memoriesUsed, ...big.chunksUsed].sort());

    const found = await page(id, `?q=${encodeURIComponent(marker.toUpperCase())}`);
    expect(found.items.map((i) => i.pointer).sort()).toEqual(["/chunks/1003", "/chunks/3", "/chunks/503", "/memories/1003", "/memories/3", "/memories/503"]);
    const japanese = big.pack.chunks.filter((c) => big.chunksUsed.includes(String(c.chunk_id)) && String(c.text).includes("鍵は毎月")).length;
    expect(japanese).toBeGreaterThan(0);
    expect((await page(id, `?q=${encodeURIComponent("鍵は毎月")}&used=1&pointer=/chunks`)).total).toBe(japanese);
    expect((await page(id, "?q=no-such-text-anywhere")).items).toEqual([]);
  });

  it("answers one item, or any node, whole", async () => {
    const id = await bigId;
    const item = PackNodeSchema.parse(await pack(id, "?pointer=/memories/17"));
    expect(item.value).toEqual(big.pack.memories[17]);
    expect(item.item).toMatchObject({ pointer: "/memories/17", id: "mem-17", mark: "offered" });
    expect(PackNodeSchema.parse(await pack(id, "?pointer=/settings")).value).toEqual(big.pack.settings);
    expect(PackNodeSchema.parse(await pack(id, "?pointer=/chunks/3/chunk_id")).value).toBe("doc-0#3");
  });

  it("serves a small captured pack the same way, on any spelling of its id", async () => {
    const res = await postJson("/api/interactions", {
      prompt: uid("small"),
      memories_used: ["m/1"],
      context_pack: { "a/b": [{ id: "m/1", text: "slash ~ tilde" }], note: "plain" },
    });
    const { id } = (await res.json()) as { id: string };
    const small = await page(id.toUpperCase());
    expect(small.items.map((i) => [i.pointer, i.id, i.mark])).toEqual([["/a~1b/0", "m/1", "used"]]);
    expect(PackNodeSchema.parse(await pack(id, `?pointer=${encodeURIComponent("/a~1b/0/text")}`)).value).toBe("slash ~ tilde");
    // A pack with no items answers an empty page at its root.
    const [plain] = await insertDirect([{ context_pack: JSON.stringify({ just: "text" }), created_at: Date.now() }]);
    expect(await page(plain)).toMatchObject({ total: 0, items: [], summary: { items: 0, fields: [{ key: "just", type: "string" }] } });
  });

  it("answers 404 for an unknown interaction or a pointer to nothing", async () => {
    const id = await bigId;
    await expectError(await apiFetch(`/api/interactions/${uid("nope")}/pack`), 404, "not_found");
    for (const pointer of ["/nope", "/memories/1500", "/memories/01", "/query/0"]) {
      const body = await expectError(await apiFetch(`/api/interactions/${id}/pack?pointer=${encodeURIComponent(pointer)}`), 404, "not_found");
      expect(body.error.message).toContain(pointer);
    }
  });

  it("answers 400 for bad parameters, naming each", async () => {
    const id = await bigId;
    for (const [query, field] of [
      ["pointer=memories", "pointer"],
      ["offset=-1", "offset"],
      ["limit=0", "limit"],
      ["limit=201", "limit"],
      ["limit=ten", "limit"],
      ["used=yes", "used"],
      ["expand=2", "expand"],
      [`q=${"x".repeat(201)}`, "q"],
      ["page=2", ""],
    ]) {
      const body = await expectError(await apiFetch(`/api/interactions/${id}/pack?${query}`), 400, "validation_failed");
      if (field) expect(body.error.issues?.map((i) => i.path[0]), query).toContain(field);
    }
  });

  it("needs a token with the read scope, and only answers GET", async () => {
    const id = await bigId;
    await expectError(await apiFetch(`/api/interactions/${id}/pack`, { auth: false }), 401, "unauthorized");
    await expectError(await apiFetch(`/api/interactions/${id}/pack`, { method: "POST" }), 405, "method_not_allowed");
  });
});
