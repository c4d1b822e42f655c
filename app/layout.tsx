import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { AuditStatus } from "@/components/audit-badge";
import { EarlyKeys } from "@/components/early-keys";
import { KeyboardShortcuts } from "@/components/keyboard-shortcuts";
import { AuthStatus } from "@/components/auth-status";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "atocore-audit", template: "%s · atocore-audit" },
  description: "Audit trail of LLM agent interactions",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

const navLink = "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100";

const NAV = [
  ["/interactions", "Interactions"],
  ["/sessions", "Sessions"],
  ["/memories", "Memories"],
  ["/chunks", "Chunks"],
  ["/review", "Review"],
] as const;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <EarlyKeys />
        <AuthStatus />
        <header className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/50">
          <nav className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm sm:gap-x-5 sm:px-4">
            <Link href="/interactions" className="font-semibold tracking-tight whitespace-nowrap">
              atocore-audit
            </Link>
            {NAV.map(([href, label]) => (
              <Link key={href} href={href} className={navLink}>
                {label}
              </Link>
            ))}
            <span className="ml-auto">
              <Suspense fallback={null}>
                <AuditStatus />
              </Suspense>
            </span>
          </nav>
        </header>
        <main className="mx-auto max-w-7xl px-3 py-4 sm:px-4">{children}</main>
        <KeyboardShortcuts />
      </body>
    </html>
  );
}
