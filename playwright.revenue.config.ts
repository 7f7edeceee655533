import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { executablePath } from "./e2e/support/chromium";
import revenue from "./e2e/revenue/env.json";
import { serverEntry, serverNodeArgs } from "./scripts/server-launch.cjs";

// Reader revenue (issue 30): the bundled content built with card payments on (.next-revenue; `npm test`
// builds it), against the local Stripe stand-in. Playwright starts both and stops them by PID. The
// supporters' count is shared state, so the journeys run one after the other (one worker).
const PORT = Number(process.env.E2E_REVENUE_PORT) || revenue.port;
const STAND_IN_PORT = Number(process.env.STRIPE_STAND_IN_PORT) || revenue.standInPort;
const env: Record<string, string> = { ...revenue.env, STRIPE_API_URL: `http://127.0.0.1:${STAND_IN_PORT}` };
// A new, empty reader data store for every run.
const dataDir = process.env.E2E_REVENUE_DATA_DIR || path.join(os.tmpdir(), `masthead-revenue-e2e-${PORT}`);
if (!process.env.E2E_REVENUE_KEEP_DATA && process.env.TEST_WORKER_INDEX === undefined) fs.rmSync(dataDir, { recursive: true, force: true });

export default defineConfig({
  testDir: "./e2e/revenue",
  outputDir: "./test-results/revenue",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 45_000,
  reporter: [["list"]],
  use: { baseURL: `http://127.0.0.1:${PORT}`, trace: "retain-on-failure", launchOptions: { executablePath } },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: { executablePath } } }],
  webServer: [
    {
      command: `node tests/stripe/stand-in.mjs --port ${STAND_IN_PORT}`,
      url: `http://127.0.0.1:${STAND_IN_PORT}/_stand-in/events`,
      reuseExistingServer: false,
      timeout: 20_000,
      env: { STRIPE_SECRET_KEY: env.STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: env.STRIPE_WEBHOOK_SECRET, WEBHOOK_URL: `http://127.0.0.1:${PORT}/api/webhooks/stripe` },
    },
    {
      command: `node ${serverNodeArgs().join(" ")} ${serverEntry(env)} --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      timeout: 90_000,
      env: { ...env, DATA_DIR: dataDir, MASTHEAD_WARM_UP: "0" },
    },
  ],
});
