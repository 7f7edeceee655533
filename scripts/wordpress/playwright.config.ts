/**
 * Playwright for the WordPress e2e (e2e/wordpress.spec.ts) only: the site under test reads the
 * test WordPress, so the server gets this process's environment (WORDPRESS_URL, credentials,
 * CONTENT_SOURCE=wordpress) instead of e2e/env.json's markdown setup. scripts/wordpress/ci.sh builds
 * the site and runs: npx playwright test -c scripts/wordpress/playwright.config.ts
 */
import { executablePath } from "../../e2e/support/chromium";
import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
import { serverEntry, serverNodeArgs } from "../server-launch.cjs";

// Playwright loads this file as CommonJS: __dirname, not import.meta.
const root = path.resolve(__dirname, "../..");
const port = Number(process.env.E2E_PORT) || 3108;

const env: Record<string, string> = { NEXT_TELEMETRY_DISABLED: "1" };
for (const name of ["CONTENT_SOURCE", "CONTENT_DIR", "SITE_URL", "PREVIEW_SECRET", "REVALIDATE_SECRET", "WORDPRESS_URL", "WORDPRESS_USER", "WORDPRESS_APP_PASSWORD", "TRUST_PROXY"]) {
  const value = process.env[name];
  if (value !== undefined) env[name] = value;
}

export default defineConfig({
  testDir: path.join(root, "e2e"),
  testMatch: /wordpress\.spec\.ts$/,
  outputDir: path.join(root, "test-results", "wordpress"),
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"]],
  use: { baseURL: `http://127.0.0.1:${port}`, trace: "retain-on-failure" },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: { executablePath } } }],
  webServer: {
    command: `node ${serverNodeArgs().join(" ")} ${serverEntry({ ...process.env, ...env })} --port ${port}`,
    cwd: root,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env,
  },
});
