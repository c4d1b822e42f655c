import { authDisabled } from "@/lib/auth/auth-disabled";
import { ensureAdminToken } from "@/lib/auth/ensure-admin-token";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

/**
 * Runs once at start-up: says loudly when checks are off; otherwise makes sure a token
 * exists, printing a new admin token once (as Jupyter does) with the sign-in address.
 */
export async function prepareAccess() {
  if (authDisabled()) {
    log.warn("auth_disabled", {
      message: "AUTH_DISABLED=1: NO ACCESS CONTROL. Anyone who can reach this server can read and write every interaction.",
    });
    return;
  }
  const created = await ensureAdminToken();
  if (!created) return;
  const signInUrl = `http://localhost:${process.env.PORT ?? 3000}/sign-in`;
  if (config().ATOCORE_AUDIT_ADMIN_TOKEN) {
    // The operator already knows this one: never echo a secret that came from the environment.
    log.warn("admin_token_created", {
      message: "No API token existed, so ATOCORE_AUDIT_ADMIN_TOKEN was stored (as a hash) as an admin token.",
      token_id: created.id,
      sign_in_url: signInUrl,
    });
    return;
  }
  log.warn("admin_token_created", {
    message: "No API token existed, so one with every scope was created. It is shown only now; only its hash is stored.",
    token_id: created.id,
    sign_in_url: signInUrl,
  });
  // The token itself goes to the console only, as plain lines a person can copy.
  process.stdout.write(
    `\n    To sign in, open ${signInUrl}\n    and paste this admin token (shown once; create others with npm run token):\n\n        ${created.token}\n\n`,
  );
}
