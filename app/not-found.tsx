import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <section className="space-y-2 py-8 text-center">
      <p className="font-mono text-sm text-zinc-500">404</p>
      <h1 className="text-lg font-semibold">This page does not exist</h1>
      <Link href="/interactions" className="inline-block text-sm text-sky-700 hover:underline dark:text-sky-400">
        ← Back to the interactions
      </Link>
    </section>
  );
}
