import { headers } from "next/headers";
import { signOut } from "@/app/sign-out/actions";
import { authDisabled } from "@/lib/auth/auth-disabled";
import { credentialFrom } from "@/lib/auth/credentials";

/**
 * The top strip of every page: a loud banner when access control is off, else a sign-out
 * button for a signed-in viewer. Reading the request headers also keeps every page
 * dynamically rendered, which the per-request CSP nonce needs.
 */
export async function AuthStatus() {
  const requestHeaders = await headers();
  if (authDisabled()) {
    return (
      <div role="alert" className="bg-red-700 px-4 py-1 text-center text-sm font-semibold text-white">
        Access control is OFF (AUTH_DISABLED=1): anyone who can reach this server can read and write every interaction.
      </div>
    );
  }
  if (credentialFrom(requestHeaders)?.via !== "cookie") return null;
  return (
    <form action={signOut} className="mx-auto flex max-w-7xl justify-end px-4 pt-1 text-xs">
      <button type="submit" className="text-zinc-500 underline-offset-2 hover:underline dark:text-zinc-400">
        Sign out
      </button>
    </form>
  );
}
