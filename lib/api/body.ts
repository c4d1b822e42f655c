import { BUDGET_BYTES_PER_BODY_BYTE } from "@/lib/api/body-budget";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";

export const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export function declaredLength(req: Request): number {
  return Number(req.headers.get("content-length") ?? NaN);
}

const tooLarge = (maxBytes: number) => new AppError("payload_too_large", `The body is larger than the limit of ${maxBytes} bytes`);

/**
 * What a request's body takes of the server's budget (lib/api/body-budget.ts): its declared
 * length, or the body limit when it is sent without one (chunked), read and parsed. A
 * declared length over the limit is 413 at once, before the request waits for room.
 */
export function bodyWeight(req: Request, maxBytes = config().MAX_BODY_BYTES): number {
  if (!req.body) return 0;
  const declared = declaredLength(req);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  return (Number.isFinite(declared) ? declared : maxBytes) * BUDGET_BYTES_PER_BODY_BYTE;
}

/**
 * Reads a body stream into one buffer, refusing more than `maxBytes` (413) before buffering it
 * whole. `declared` is the Content-Length when the stream is the request's own bytes (NaN
 * otherwise, e.g. once inflated).
 */
export async function readBodyBytes(body: ReadableStream<Uint8Array> | null, declared: number, maxBytes: number): Promise<Buffer> {
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  // With a declared length the bytes go straight into one buffer of that size, instead of
  // a list of chunks copied once more into one at the end.
  const known = Number.isFinite(declared) ? Buffer.allocUnsafe(declared) : null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size + value.byteLength > maxBytes || (known && size + value.byteLength > known.length)) {
        await reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      if (known) known.set(value, size);
      else chunks.push(value);
      size += value.byteLength;
    }
  }
  return known ? known.subarray(0, size) : Buffer.concat(chunks);
}

/** Bytes as UTF-8 JSON; malformed JSON or UTF-8 is 400 invalid_json. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid_json", "The body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError("invalid_json", `The body is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Reads a JSON request body, refusing other media types (415) and bodies over the limit
 * (413) before buffering them whole; malformed JSON or UTF-8 is 400 invalid_json.
 */
export async function readJsonBody(req: Request, maxBytes = config().MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
  return parseJsonBytes(await readBodyBytes(req.body, declaredLength(req), maxBytes));
}
