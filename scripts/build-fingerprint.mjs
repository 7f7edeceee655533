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

export function buildFingerprint(root) {
  const contentDir = path.resolve(root, process.env.CONTENT_DIR || "content");
  return {
    contentDir,
    contentSource: contentSourceName(),
    siteUrl: process.env.SITE_URL || "",
    wordpressUrl: process.env.WORDPRESS_URL || "",
    prerenderArticles: process.env.PRERENDER_ARTICLES || "",
    envFiles: envFiles(root),
    // Sign-up forms are in the prerendered pages only when a mail server is configured (issue 31).
    newsletters: Boolean(process.env.SMTP_URL),
    // Prerendered bodies show the embed previews of this cache (docs/decisions/0230).
    embedCache: process.env.EMBED_CACHE_DIR || "",
    code: codeMtime(root),
    content: newestMtime(contentDir),
  };
}
