/**
 * The origin a build was made for (issue 28). Pages prerendered at build time carry the site's URL
 * (canonical links, JSON-LD, feeds, sitemaps); a server started with another SITE_URL would serve
 * pages pointing at the wrong site. The build records its origin beside its files
 * (`<distDir>/masthead-origin.json`, written by scripts/build.mjs), and the server refuses to start
 * on a build made for another origin. A build without the record (made by `next build` alone, or a
 * deployment that did not copy it) is not checked.
 */
import fs from "node:fs";
import path from "node:path";
import { distDirName } from "./env.mjs";
import { getSite } from "./site";

const FILE = "masthead-origin.json";

export function originStampPath(appDir = process.cwd()): string {
  return path.join(appDir, distDirName(), FILE);
}

/** Writes the origin of the current environment (SITE_URL, else site.yml's url) into the build. */
export function writeOriginStamp(appDir = process.cwd()): string {
  const origin = new URL(getSite().url).origin;
  fs.writeFileSync(originStampPath(appDir), `${JSON.stringify({ origin })}\n`);
  return origin;
}

/** Why this server must not serve this build, or null. */
export function originProblem(appDir = process.cwd()): string | null {
  let built: string | undefined;
  try {
    built = (JSON.parse(fs.readFileSync(originStampPath(appDir), "utf8")) as { origin?: string }).origin;
  } catch {
    return null;
  }
  let running: string;
  try {
    running = new URL(getSite().url).origin;
  } catch {
    return null; // an invalid site configuration is reported by the content checks, naming its field
  }
  if (!built || built === running) return null;
  return `this build was made for ${built}, but the site's URL is now ${running} (SITE_URL or site.yml url). Its prerendered pages would point readers and search engines at the other site: rebuild with \`npm run build\` (npm start rebuilds by itself), or start it with SITE_URL=${built}.`;
}
