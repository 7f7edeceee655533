/**
 * Response headers for every page and API response (set in next.config.ts). The CSP uses hashes,
 * not nonces, so published pages stay static and CDN-cacheable (docs/decisions/0007).
 */
import { createHash } from "node:crypto";
import { themeScript } from "../config/theme";
import { EMBED_FRAME_ORIGINS } from "../embeds/csp.mjs";

export function scriptHash(source: string): string {
  return `'sha256-${createHash("sha256").update(source, "utf8").digest("base64")}'`;
}

export interface CspOptions {
  dev?: boolean;
  /** Hosts a form may hand over to (the donation providers from site.yml). */
  formTargets?: string[];
  /** Extra image hosts (the WordPress media host). */
  imageHosts?: string[];
  /** Extra audio/video hosts (the WordPress media host: audio and video blocks). */
  mediaHosts?: string[];
  /** Extra script hashes. */
  scriptHashes?: string[];
}

export function contentSecurityPolicy({ dev = false, formTargets = [], imageHosts = [], mediaHosts = [], scriptHashes = [] }: CspOptions = {}): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", scriptHash(themeScript), ...scriptHashes, ...(dev ? ["'unsafe-eval'", "'unsafe-inline'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...imageHosts],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(dev ? ["ws:"] : [])],
    "media-src": ["'self'", ...mediaHosts],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'", ...formTargets],
    "frame-ancestors": ["'none'"],
    // Pages with embeds get exactly their facades' origins instead (server/finish.ts, lib/embeds/csp.mjs).
    "frame-src": ["'none'"],
    "manifest-src": ["'self'"],
    "worker-src": ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${[...new Set(values)].join(" ")}`)
    .join("; ");
}

/**
 * Autoplay only for the players an embed facade loads, so one click on "Play here" plays (the
 * iframe also asks with allow="autoplay"); this document itself never autoplays.
 */
const AUTOPLAY_ORIGINS = EMBED_FRAME_ORIGINS.filter((o) => /youtube-nocookie|vimeo|soundcloud|spotify/.test(o));

export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  `autoplay=(${AUTOPLAY_ORIGINS.map((o) => `"${o}"`).join(" ")})`,
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
  "browsing-topics=()",
  "interest-cohort=()",
].join(", ");

export function securityHeaders(csp: string): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}

/**
 * The policy of /content-images/…: nothing may load or run, and the document is sandboxed, so a
 * hostile SVG opened directly (not through <img>, where script never runs) is inert. Sent by the
 * route and by next.config.ts, whose rules would otherwise replace it with the site's.
 */
export const IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

/** HSTS only when the request reached us over HTTPS (the proxy in front says so). */
export const HSTS = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

/** Origins of the donation providers configured in site.yml, for form-action. */
export function originsOf(urls: string[]): string[] {
  const out = new Set<string>();
  for (const u of urls) {
    try {
      out.add(new URL(u.replaceAll("{amount}", "1").replaceAll("{currency}", "USD")).origin);
    } catch {
      /* validated elsewhere */
    }
  }
  return [...out];
}
