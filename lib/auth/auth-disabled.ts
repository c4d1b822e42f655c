import { config } from "@/lib/config";

/** AUTH_DISABLED=1 switches every check off, for local experiments only (logged and shown on every page). */
export function authDisabled(): boolean {
  return config().AUTH_DISABLED;
}
