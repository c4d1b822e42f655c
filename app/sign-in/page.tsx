import type { Metadata } from "next";
import { signIn } from "@/app/sign-in/actions";
import { authDisabled } from "@/lib/auth/auth-disabled";
import { safeNextPath } from "@/lib/auth/safe-next-path";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  invalid: "That token is not valid (unknown or revoked).",
  scope: "That token has no read scope, so it cannot open the viewer.",
  throttled: "Too many failed sign-ins from this address. Wait a minute, then try again.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const error = typeof params.error === "string" ? ERRORS[params.error] : undefined;
  return (
    <section className="mx-auto mt-12 max-w-md">
      <h1 className="mb-2 text-lg font-semibold">Sign in</h1>
      {authDisabled() ? (
        <p className="mb-4 text-sm">Access control is off (AUTH_DISABLED=1): no token is needed.</p>
      ) : null}
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
        Paste an API token with the <code>read</code> scope. A new server prints an admin token in its log; more are
        made with:
        {/* On a line of its own, unbroken (a "--" split across lines reads wrong); scrolls on a narrow phone. */}
        <code className="mt-1 block overflow-x-auto rounded bg-zinc-100 px-2 py-1 text-xs whitespace-nowrap text-zinc-800 dark:bg-zinc-900 dark:text-zinc-200">
          npm run token -- create --name you --scope read
        </code>
      </p>
      {error ? (
        <p role="alert" className="mb-4 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {error}
        </p>
      ) : null}
      <form action={signIn} className="flex flex-col gap-3">
        <input type="hidden" name="next" value={safeNextPath(params.next)} />
        <label className="flex flex-col gap-1 text-sm">
          Token
          <input
            name="token"
            type="password"
            required
            autoComplete="off"
            spellCheck={false}
            className="rounded border border-zinc-300 bg-white px-2 py-1 font-mono dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        <button type="submit" className="self-start rounded bg-zinc-900 px-3 py-1 text-sm text-white dark:bg-zinc-100 dark:text-zinc-900">
          Sign in
        </button>
      </form>
    </section>
  );
}
