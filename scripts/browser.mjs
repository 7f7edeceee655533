// Finds a Chromium for Playwright: CHROMIUM_PATH, Playwright's own browser, or Debian's
// /usr/bin/chromium. `ensureBrowser()` installs one when none is found (Playwright's download,
// then apt-get on Debian as root) and otherwise says exactly what to run.
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

function playwrightOwn() {
  try {
    const { chromium } = require("@playwright/test");
    const p = chromium.executablePath();
    return p && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

export function findBrowser() {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return playwrightOwn() ?? SYSTEM_CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export function ensureBrowser() {
  let found = findBrowser();
  if (found) return found;
  console.log("> No Chromium found; trying `npx playwright install chromium` …");
  spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
  found = findBrowser();
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && fs.existsSync("/usr/bin/apt-get")) {
    console.log("> Trying `apt-get install -y chromium` …");
    spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"], { stdio: "inherit" });
    found = findBrowser();
    if (found) return found;
  }
  throw new Error(
    "No Chromium for the end-to-end tests. Install one with `npx playwright install chromium`, " +
      "or on Debian/Ubuntu `sudo apt-get install -y chromium`, or point CHROMIUM_PATH at a Chrome/Chromium binary.",
  );
}
