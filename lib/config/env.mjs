// The environment's defaults, written once for TypeScript (lib/, app/) and the plain-JavaScript
// tooling and server (scripts/) alike. Read at each call, so a test or a script that sets a variable
// before asking is heard; the values are cheap to read. Each reads `env` (process.env unless given).

/** Which content source serves the site (CONTENT_SOURCE): "markdown" unless set. */
export function contentSourceName(env = process.env) {
  return env.CONTENT_SOURCE || "markdown";
}

/** True when the content is the markdown folder (the default), not a remote CMS. */
export function isMarkdownSource(env = process.env) {
  return contentSourceName(env) === "markdown";
}

/** The build folder's name, relative to the app's folder (MASTHEAD_DIST_DIR): ".next" unless set. */
export { distDirName } from "./dist-dir.cjs";
