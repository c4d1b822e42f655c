// Nodes of a context pack are named by JSON Pointer (RFC 6901): "" is the pack itself,
// "/memories/0" its first memory. Keys may hold "/" or "~", hence the escaping.
export function childPointer(parent: string, key: string | number): string {
  const token = String(key);
  return `${parent}/${/[~/]/.test(token) ? token.replace(/~/g, "~0").replace(/\//g, "~1") : token}`;
}

/** The pointers of every ancestor of a node, nearest last, the pack itself ("") first. */
export function ancestorPointers(pointer: string): string[] {
  const out: string[] = [];
  for (let at = pointer.lastIndexOf("/"); at >= 0; at = at === 0 ? -1 : pointer.lastIndexOf("/", at - 1)) {
    out.unshift(pointer.slice(0, at));
  }
  return out;
}

/** The unescaped keys of a pointer ("/a~1b/0" is ["a/b", "0"]), or null when it is not a JSON Pointer. */
export function pointerTokens(pointer: string): string[] | null {
  if (pointer === "") return [];
  if (!pointer.startsWith("/") || /~[^01]|~$/.test(pointer)) return null;
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}
