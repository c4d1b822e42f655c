// What a Claude Code hook event says about a turn, read the same way by the hook script (on the
// user's machine) and by the server's HTTP hook route (lib/integrations/claude-code-hook.ts).
// Standard library only: the script imports it as it is.
import path from "node:path";

export const CLIENT = "claude-code";

/** A payload field as text ("" when absent or not a string). */
export const text = (v) => (typeof v === "string" ? v : "");

/**
 * The capture body of a UserPromptSubmit event (without an id), or null when it carries no
 * prompt. The project is the configured one, else the name of the folder Claude Code runs in
 * (the event's cwd, else `fallbackCwd`).
 */
export function promptTurn(payload, configuredProject, fallbackCwd = "") {
  const prompt = text(payload.prompt);
  if (!prompt.trim()) return null;
  const cwd = text(payload.cwd) || fallbackCwd;
  return {
    prompt,
    client: CLIENT,
    session_id: text(payload.session_id),
    project: configuredProject || (cwd ? path.basename(cwd) : ""),
  };
}
