/** The two places that find a Chromium (scripts/browser.mjs for the runner, e2e/support/chromium.ts for Playwright) agree. */
import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { findBrowser } from "../scripts/browser.mjs";
import { executablePath, SYSTEM_CHROMIUMS } from "../e2e/support/chromium";

describe("Chromium discovery", () => {
  it("finds the same browser for the test runner and for Playwright", () => {
    const own = createRequire(import.meta.url)("@playwright/test").chromium.executablePath() as string;
    expect(executablePath ?? (fs.existsSync(own) ? own : null)).toBe(findBrowser());
  });

  it("tries the same system browsers in the same order", () => {
    expect(fs.readFileSync(new URL("../scripts/browser.mjs", import.meta.url), "utf8")).toContain(`const SYSTEM_CANDIDATES = ${JSON.stringify(SYSTEM_CHROMIUMS).replace(/,/g, ", ")};`);
  });
});
