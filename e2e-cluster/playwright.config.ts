/**
 * Playwright for the several-instance suite (issue 16) only. The services — Redis, two Masthead
 * instances, Varnish — are started and stopped by scripts/cluster/test.mjs (`npm run test:cluster`),
 * not by Playwright: the tests stop and restart some of them. Run through that script, never alone.
 */
import { executablePath } from "../e2e/support/chromium";
import { defineConfig, devices } from "@playwright/test";
import path from "node:path";

// Playwright loads this file as CommonJS: __dirname, not import.meta.
const root = path.resolve(__dirname, "..");

export default defineConfig({
  testDir: __dirname,
  testMatch: /\.spec\.ts$/,
  outputDir: path.join(root, "test-results", "cluster"),
  // One cluster, tests that stop parts of it: in order, one at a time.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  reporter: [["list"]],
  use: { baseURL: "http://127.0.0.1:6081", trace: "retain-on-failure" },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: { executablePath } } }],
});
