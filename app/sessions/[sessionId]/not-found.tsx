import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Session not found" };

export default function SessionNotFound() {
  return (
    <section className="space-y-2 py-8 text-center">
      <p className="font-mono text-sm text-zinc-500">404</p>
      <h1 className="text-lg font-semibold">No such session</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">No interaction carries this session id.</p>
      <Link href="/sessions" className="inline-block text-sm text-sky-700 hover:underline dark:text-sky-400">
        ← Back to the sessions
      </Link>
    </section>
  );
}
