// The build folder's default, in CommonJS so that scripts/server-launch.cjs (loaded by Playwright's
// configs, where an ES module with imports fails) can require it; ./env.mjs re-exports it for the rest.
"use strict";

/** The build folder's name, relative to the app's folder (MASTHEAD_DIST_DIR of `env`): ".next" unless set. */
function distDirName(env = process.env) {
  return env.MASTHEAD_DIST_DIR || ".next";
}

module.exports = { distDirName };
