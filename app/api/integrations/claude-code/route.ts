import { readJsonBody } from "@/lib/api/body";
import { otherMethods } from "@/lib/api/other-methods";
import { route } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { receiveHookEvent } from "@/lib/integrations/claude-code-hook";
import { log } from "@/lib/log";

// Claude Code's `http` hook (docs/integrations.md). A token without the capture scope is refused
// by route() like anywhere else (a non-2xx, which Claude Code reports without blocking); every
// event past that gets an empty 204, so nothing reaches the model's context and nothing blocks.
export const POST = route("capture", async (req) => {
  try {
    const outcome = await receiveHookEvent(await readJsonBody(req), new URL(req.url).searchParams.get("project") ?? "");
    log.debug("claude_code_hook", { outcome });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    log.warn("claude_code_hook_skipped", { reason: "body_refused", code: err.code });
  }
  return new Response(null, { status: 204 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
