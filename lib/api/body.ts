import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Reads a JSON request body, refusing other media types (415) and bodies over the limit
 * (413) before buffering them whole; malformed JSON or UTF-8 is 400 invalid_json.
 */
export async function readJsonBody(req: Request, maxBytes = config().MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!JSON_TYPE.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
  const tooLarge = () => new AppError("payload_too_large", `The body is larger than the limit of ${maxBytes} bytes`);
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("invalid_json", "The body is not valid UTF-8");
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError("invalid_json", `The body is not valid JSON: ${(err as Error).message}`);
  }
}
