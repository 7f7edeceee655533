// Which Chromium every Playwright config launches (e2e, editions, cluster, WordPress): CHROMIUM_PATH,
// else Playwright's own browser when installed (undefined: Playwright finds it), else a system one.
// The same order and candidates as scripts/browser.mjs (the test runner's and Lighthouse's), which
// Playwright cannot load here: it compiles a config's imports to CommonJS, and an ES module with
// imports of its own then fails to load. tests/chromium.test.ts checks that both agree.
import fs from "node:fs";

export const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

function chromiumFromPlaywright(): string {
  try {
    return require("@playwright/test").chromium.executablePath() as string;
  } catch {
    return "";
  }
}

export const executablePath: string | undefined =
  process.env.CHROMIUM_PATH ||
  (fs.existsSync(chromiumFromPlaywright()) ? undefined : SYSTEM_CHROMIUMS.find((p) => fs.existsSync(p)));

/**
 * What the Playwright configs of the English and the Arabic/French sites share: parallel files (two
 * workers on CI), no retries (a flaky test is a defect to fix, not to retry), 30 s a test, the list
 * reporter.
 */
export const COMMON_CONFIG = {
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]] as [string][],
};
