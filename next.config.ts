import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { contentSecurityPolicy, HSTS, IMAGE_CSP, originsOf, securityHeaders } from "./lib/request/security-headers";
import { loadSiteConfig } from "./lib/config/site";
import { computeRendererVersion } from "./lib/sources/markdown/renderer-version";
import { errorPageStrings } from "./lib/i18n/translate";
import { distDirName } from "./lib/config/env.mjs";
import { CACHE_POLICY } from "./lib/request/cache-policy.mjs";

const dev = process.env.NODE_ENV === "development";
const site = loadSiteConfig();
const wordpressOrigin = process.env.WORDPRESS_URL ? new URL(process.env.WORDPRESS_URL).origin : undefined;
const csp = contentSecurityPolicy({
  dev,
  formTargets: [
    ...originsOf(site.donation?.providers.map((p) => p.url) ?? []),
    // Reader revenue: the box's form is answered with a 303 to Stripe Checkout, which form-action
    // governs too (STRIPE_API_URL: the tests' stand-in serves the checkout page).
    ...(process.env.STRIPE_SECRET_KEY ? ["https://checkout.stripe.com", ...(process.env.STRIPE_API_URL ? [new URL(process.env.STRIPE_API_URL).origin] : [])] : []),
  ],
  imageHosts: wordpressOrigin ? [wordpressOrigin] : [],
  mediaHosts: wordpressOrigin ? [wordpressOrigin] : [],
});

const nextConfig: NextConfig = {
  // MASTHEAD_DIST_DIR lets builds of other content folders (the Arabic and French sample sites of
  // the e2e suite: .next-ar, .next-fr) live beside the default .next (scripts/build.mjs, server/main.ts).
  distDir: distDirName(),
  poweredByHeader: false,
  // The error pages are client components: their few strings, in the site's language, are inlined
  // at build time (lib/i18n/error-page.ts) instead of shipping a catalogue to the browser.
  env: {
    MASTHEAD_ERROR_PAGE: JSON.stringify(errorPageStrings(site.language)),
    // The version of the markdown → record pipeline, fixed at build: the server compares it with the
    // content index's (its sources do not ship in .next/standalone). docs/decisions/0080.
    MASTHEAD_RENDERER: process.env.MASTHEAD_RENDERER || computeRendererVersion(process.cwd()),
  },
  turbopack: {
    // Islands format messages the server already parsed (lib/i18n/client-format.ts): the browser
    // bundle takes FormatJS's parser-less build, 2.5 KB gzip instead of 10.
    resolveAlias: {
      "@formatjs/icu-messageformat-parser": { browser: "@formatjs/icu-messageformat-parser/no-parser.js" },
    },
  },
  // Next's page/data cache: Redis when REDIS_URL is set at run time, Next's own file-system cache
  // otherwise (the handler decides per process, so one build runs either way; docs/decisions/0070).
  // The handler keeps its own memory budget, hence 0 here, as Next's docs ask of custom handlers.
  cacheHandler: require.resolve("./lib/cluster/cache-handler.mjs"),
  cacheMaxMemorySize: 0,
  // One copy of the Redis client for the native cache handler and the bundled bus/limiter.
  // prom-client too: one registry per process for the server and every bundle (lib/observability/).
  serverExternalPackages: ["@redis/client", "prom-client"],
  // `output: "standalone"` (a self-contained server in .next/standalone for deployment, docs/deploy.md)
  // is set for the build only, below.
  reactStrictMode: true,
  // server/main.ts compresses pages after hashing their scripts; Next compresses its own assets.
  compress: true,
  // server/main.ts answers a trailing slash with a 301 to the canonical path (Next's own is a 308).
  skipTrailingSlashRedirect: true,
  images: {
    // Local images come from /content-images (the markdown source), without a query: any other
    // local path or a query string (`?junk=N`, each one a transform in the disk cache) is a 400.
    // Only the widths and the quality the site's pages ask for — Next's default sizes, which the
    // markdown renderer's srcsets use too (lib/html/media.ts renders outside Next, with the
    // defaults), and the one quality — and a bounded disk cache (issue 27, item 2; docs/decisions/0122).
    localPatterns: [{ pathname: "/content-images/**", search: "" }],
    qualities: [75],
    maximumDiskCacheSize: 256 * 1024 * 1024,
    formats: ["image/avif", "image/webp"],
    // CONTENT_SOURCE=wordpress: featured images and avatars are served by the WordPress host
    // (docs/wordpress.md). Read when building, so WORDPRESS_URL must be set for `next build`.
    remotePatterns: process.env.WORDPRESS_URL ? [new URL(`${new URL(process.env.WORDPRESS_URL).origin}/**`)] : [],
    // Next refuses to optimise images from local addresses (SSRF guard); the test WordPress of
    // scripts/wordpress/ runs on 127.0.0.1, so only a loopback WORDPRESS_URL lifts it.
    dangerouslyAllowLocalIP: /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(process.env.WORDPRESS_URL ?? ""),
  },
  // Section and author feeds: a feed.xml route under the [...path] catch-all is rejected by Next, so
  // /news/local/feed.xml and /authors/<slug>/feed.xml are served by app/feeds/[...path]/route.ts.
  // `:path+` needs at least one segment, so /feed.xml itself stays with app/feed.xml/route.ts
  // (docs/decisions/0010).
  async rewrites() {
    return [{ source: "/:path+/feed.xml", destination: "/feeds/:path+" }];
  },
  // Only for robots.txt, which as a metadata route cannot set its own header. Scoped to the one
  // path on purpose: a headers() Cache-Control overrides Next's everywhere it matches (TOOLCHAIN.md).
  async headers() {
    return [
      // Every page, API response and asset: CSP with hashes (pages stay cacheable), no sniffing,
      // no framing, a strict referrer and permissions policy (docs/decisions/0007). Not the
      // content images: a later rule would replace their sandbox policy with this one, so they
      // are excluded here and get the same headers with their own policy (docs/decisions/0051).
      { source: "/((?!content-images/).*)", headers: securityHeaders(csp) },
      { source: "/content-images/:path*", headers: securityHeaders(IMAGE_CSP) },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] },
      {
        source: "/robots.txt",
        headers: [{ key: "Cache-Control", value: CACHE_POLICY.crawler }],
      },
    ];
  },
};

// The standalone output is a build setting: given to the server as well, Next warns at every start
// that "next start" does not work with it, though server/main.ts is not `next start` and serves the
// same build either way (docs/decisions/0111).
export default function config(phase: string): NextConfig {
  return phase === PHASE_PRODUCTION_BUILD ? { ...nextConfig, output: "standalone" } : nextConfig;
}
