import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AuditStatus } from "@/components/audit-badge";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "atocore-audit", template: "%s · atocore-audit" },
  description: "Audit trail of LLM agent interactions",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <nav className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-2 text-sm">
            <Link href="/interactions" className="font-semibold tracking-tight">
              atocore-audit
            </Link>
            <Link href="/interactions" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
              Interactions
            </Link>
            <Link href="/sessions" className="text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">Sessions</Link>
            <span className="ml-auto">
              <Suspense fallback={null}>
                <AuditStatus />
              </Suspense>
            </span>
          </nav>
        </header>
        <main className="mx-auto max-w-7xl px-4 py-4">{children}</main>
      </body>
    </html>
  );
}
