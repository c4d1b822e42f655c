import { hash } from "node:crypto";

/** SHA-256 of a text's UTF-8 bytes, hex: the one hash of the chain (the one-shot form: a v2 link hashes every node of a pack). */
export const sha256 = (text: string) => hash("sha256", text, "hex");
