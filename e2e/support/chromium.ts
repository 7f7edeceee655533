// Which Chromium the Playwright configs launch: scripts/test.mjs finds one (scripts/browser.mjs) and
// passes it in CHROMIUM_PATH; run directly, Playwright's own browser when installed, else Debian's.
import fs from "node:fs";

function chromiumFromPlaywright(): string {
  try {
    return require("@playwright/test").chromium.executablePath() as string;
  } catch {
    return "";
  }
}

export const executablePath: string | undefined =
  process.env.CHROMIUM_PATH ||
  (fs.existsSync("/usr/bin/chromium") && !fs.existsSync(chromiumFromPlaywright()) ? "/usr/bin/chromium" : undefined);
