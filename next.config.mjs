import { LOADS_NOTHING_CSP, STATIC_SECURITY_HEADERS } from "./lib/auth/static-headers.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addon: loaded by Node at run time, never bundled.
  serverExternalPackages: ["better-sqlite3", "@secretlint/core", "@secretlint/profiler", "@secretlint/secretlint-rule-preset-recommend"],
  poweredByHeader: false,
  // No on-the-fly gzip: it is a large share of a list page's time (hundreds of KB of JSON; a
  // 1,000-turn session is MBs). Agents and the viewer mostly run next to the server; put a
  // compressing proxy in front for slow links.
  compress: false,
  reactStrictMode: true,
  // proxy.ts sets the security headers (with a per-request CSP nonce) on everything it
  // sees; static files and most API paths skip the proxy, so they get the same headers and a
  // CSP from here (JSON and files load nothing).
  async headers() {
    const headers = [
      ...Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      { key: "Content-Security-Policy", value: LOADS_NOTHING_CSP },
    ];
    return [
      { source: "/_next/:path*", headers },
      { source: "/api/:path*", headers },
      { source: "/v1/:path*", headers },
    ];
  },
};

export default nextConfig;
