import { defineConfig, devices } from "@playwright/test";
import { COMMON_CONFIG, executablePath } from "./e2e/support/chromium";
import e2e from "./e2e/env.json";
import { serverEntry, serverNodeArgs } from "./scripts/server-launch.cjs";

// E2E_PORT lets two checkouts run their suites side by side.
const E2E_PORT = Number(process.env.E2E_PORT) || e2e.port;
// MASTHEAD_SMTP_E2E_PORT (e2e/newsletters.spec.ts starts Postfix there) moves the server's SMTP_URL with
// it, so that two checkouts' newsletter specs do not share one mail server.
const SMTP_PORT = process.env.MASTHEAD_SMTP_E2E_PORT;
const E2E_ENV: Record<string, string> = { ...e2e.env, ...(SMTP_PORT ? { SMTP_URL: `smtp://127.0.0.1:${Number(SMTP_PORT)}` } : {}) };

export default defineConfig({
  testDir: "./e2e",
  // The Arabic and French sites have their own builds and config (playwright.editions.config.ts).
  // Anchored at e2e/: a glob such as "revenue/**" also matched every file of a checkout whose own
  // path has a "revenue/" in it (a worktree named revenue ran no test at all).
  testIgnore: [/[\\/]e2e[\\/](?:editions|revenue)[\\/]/],
  outputDir: "./test-results",
  ...COMMON_CONFIG,
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    launchOptions: { executablePath },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: { executablePath } } }],
  webServer: {
    // The build is made by scripts/test.mjs (npm test) with the same environment.
    command: `node ${serverNodeArgs().join(" ")} ${serverEntry()} --port ${E2E_PORT}`,
    url: `http://127.0.0.1:${E2E_PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: E2E_ENV,
  },
});
