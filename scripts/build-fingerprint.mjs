// What a production build depends on beyond node_modules: the content folder and source chosen by
// the environment, and the newest modification time of the code and content.
import fs from "node:fs";
import path from "node:path";
import { contentSourceName } from "../lib/config/env.mjs";
import { createHash } from "node:crypto";

const WATCHED = ["app", "components", "lib", "server", "public", "next.config.ts", "package-lock.json", "postcss.config.mjs"];

function newestMtime(target) {
  let newest = 0;
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  for (const entry of fs.readdirSync(target, { recursive: true })) {
    // The content index (docs/decisions/0080) is written by the build itself.
    if (String(entry).split(path.sep).includes(".masthead")) continue;
    try {
      newest = Math.max(newest, fs.statSync(path.join(target, String(entry))).mtimeMs);
    } catch {
      /* vanished while walking */
    }
  }
  return newest;
}

/** The .env files Next reads at build time, by content: a changed setting there is a changed build. */
function envFiles(root) {
  const files = {};
  for (const name of [".env", ".env.production", ".env.local", ".env.production.local"]) {
    try {
      files[name] = createHash("sha256").update(fs.readFileSync(path.join(root, name))).digest("hex").slice(0, 16);
    } catch {
      /* absent */
    }
  }
  return files;
}

/**
 * The newest modification time of the code a build depends on. `server: false` leaves out server/:
 * the production server is compiled apart (scripts/build-server.mjs) and recompiled by
 * scripts/server-launch.cjs whenever server/ is newer, so a change there needs no new Next build.
 */
export function codeMtime(root, { server = true } = {}) {
  return Math.max(...WATCHED.filter((p) => server || p !== "server").map((p) => newestMtime(path.join(root, p))));
}

/**
 * What the build in `root` would be made from now, given the environment (`npm start` passes its own,
 * with .env already loaded into it, as Next loads it at build time).
 */
export function buildFingerprint(root, env = process.env) {
  const contentDir = path.resolve(root, env.CONTENT_DIR || "content");
  return {
    contentDir,
    contentSource: env === process.env ? contentSourceName() : env.CONTENT_SOURCE || "markdown",
    siteUrl: env.SITE_URL || "",
    wordpressUrl: env.WORDPRESS_URL || "",
    prerenderArticles: env.PRERENDER_ARTICLES || "",
    envFiles: envFiles(root),
    // Sign-up forms are in the prerendered pages only when a mail server is configured (issue 31).
    newsletters: Boolean(env.SMTP_URL),
    // Prerendered bodies show the embed previews of this cache (docs/decisions/0230).
    embedCache: env.EMBED_CACHE_DIR || "",
    code: codeMtime(root),
    content: newestMtime(contentDir),
  };
}

const REASONS = {
  contentDir: "the content folder (CONTENT_DIR) changed",
  contentSource: "the content source (CONTENT_SOURCE) changed",
  siteUrl: "SITE_URL changed",
  wordpressUrl: "WORDPRESS_URL changed",
  prerenderArticles: "PRERENDER_ARTICLES changed",
  envFiles: "a .env file changed",
  newsletters: "SMTP_URL was set or unset",
  embedCache: "EMBED_CACHE_DIR changed",
  code: "the code changed",
  content: "the content changed",
};

/**
 * Why `npm start` must build before serving, or null when the build there is the one `current`
 * describes: `previous` is the fingerprint recorded beside the build (null when there is no build,
 * or it was made otherwise).
 */
export function rebuildReason(previous, current) {
  if (!previous) return "there is no build made by npm start yet";
  for (const [name, value] of Object.entries(current)) {
    if (JSON.stringify(previous[name]) !== JSON.stringify(value)) return REASONS[name] ?? `${name} changed`;
  }
  return JSON.stringify(previous) === JSON.stringify(current) ? null : "the build was made with other settings";
}
