import { createHash, randomBytes } from "node:crypto";

// 32 random bytes: guessing is hopeless, so a fast unsalted SHA-256 is a sound way to
// store them (a slow password hash protects low-entropy secrets, which these are not).
const PREFIX = "ato_";

export function newTokenText(): string {
  return PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
