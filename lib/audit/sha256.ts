import { createHash } from "node:crypto";

/** SHA-256 of a text's UTF-8 bytes, hex: the one hash of the chain. */
export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
