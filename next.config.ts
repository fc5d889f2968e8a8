import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { installPeerAddressHook } from "./lib/http/peer-address-hook";

// The server process loads this file before it serves the first request: from then on every request carries its
// socket address (lib/auth/peer-address.ts), which the client address falls back on without TRUST_PROXY.
installPeerAddressHook();

// Security headers. Read when `next build` runs (Next.js bakes headers() into the build): set FORCE_HTTPS=1 and
// OIDC_ISSUER for the build of an HTTPS / single sign-on deployment. Without nonces, Next.js needs inline scripts
// ('unsafe-inline'; its RSC payload is inline) and React needs inline styles (chart tooltips are positioned with them); everything else is 'self'.
const https = process.env.FORCE_HTTPS === "1";
const ssoOrigin = process.env.OIDC_ISSUER ? new URL(process.env.OIDC_ISSUER).origin : "";
const cspOf = (frameAncestors: string) =>
  [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${ssoOrigin ? ` ${ssoOrigin}` : ""}`, // the single sign-on hand-over is a form redirect
    `frame-ancestors ${frameAncestors}`,
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
// Every route refuses to be framed, except the embeds (/embed/{chartId}, issue 18), which any site may frame: they
// are public, read-only and have no forms, cookies or scripts of their own.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ...(https ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];
const noFraming = [
  { key: "Content-Security-Policy", value: cspOf("'none'") },
  { key: "X-Frame-Options", value: "DENY" },
];
const embedFraming = [{ key: "Content-Security-Policy", value: cspOf("*") }];
// Staff pages and auth endpoints: never stored by shared caches (or the browser), never indexed.
const privateHeaders = [
  { key: "Cache-Control", value: "private, no-store" },
  { key: "X-Robots-Tag", value: "noindex, nofollow" },
];

const nextConfig: NextConfig = {
  // Native and WASM database drivers are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "@resvg/resvg-js",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "@prisma/adapter-pg",
  ],
  poweredByHeader: false,
  // The build checks the application's types; tests and scripts are checked by `npm run typecheck` (tsc).
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Lets two builds (e.g. two engineers' e2e runs on one machine) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  typedRoutes: false,
  // forbidden() → HTTP 403 with app/forbidden.tsx when a staff data function refuses a signed-in user.
  experimental: { authInterrupts: true },
  // proxy.ts must see a request as sent: by default Next.js strips the RSC headers and the _rsc parameter of
  // client-side navigations before the proxy runs, and the response cache would then answer them with a page.
  skipProxyUrlNormalize: true,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Everything but /embed/... (the negative lookahead also keeps "/" and "/embedded" unframeable).
      { source: "/:path((?!embed/).*)", headers: noFraming },
      { source: "/embed/:path*", headers: embedFraming },
      { source: "/staff", headers: privateHeaders },
      { source: "/staff/:path*", headers: privateHeaders },
      { source: "/api/auth/:path*", headers: privateHeaders },
    ];
  },
};

// next-intl (issue 20): its request configuration lives in lib/i18n (the locale comes from proxy.ts's header).
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default withNextIntl(nextConfig);
