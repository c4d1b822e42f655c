import { createHash } from "node:crypto";

// An arbitrary, fixed namespace for the UUIDs derived from imported lines that carry none.
const NAMESPACE = Buffer.from("5b1f0c4e3a8d4c7e9a1e6f2d0b7c3a91", "hex");

/**
 * A name-based UUID (RFC 9562 version 5): the same name always gives the same id, so a
 * capture without an id gets the same id on every import and importing twice adds nothing.
 */
export function nameUuid(name: string): string {
  const hash = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
