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
// The Arabic (right-to-left) sample site with card payments on (.next-revenue-ar), on its own port
// against its own stand-in (each stand-in delivers to one webhook): e2e/revenue/arabic.spec.ts.
const AR_PORT = Number(process.env.E2E_REVENUE_AR_PORT) || revenue.ar.port;
const AR_STAND_IN_PORT = Number(process.env.STRIPE_STAND_IN_AR_PORT) || revenue.ar.standInPort;
const arEnv: Record<string, string> = { ...revenue.ar.env, STRIPE_API_URL: `http://127.0.0.1:${AR_STAND_IN_PORT}` };
// A new, empty reader data store for every run.
const dataDir = process.env.E2E_REVENUE_DATA_DIR || path.join(os.tmpdir(), `masthead-revenue-e2e-${PORT}`);
const arDataDir = `${dataDir}-ar`;
if (!process.env.E2E_REVENUE_KEEP_DATA && process.env.TEST_WORKER_INDEX === undefined) {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(arDataDir, { recursive: true, force: true });
}
const standIn = (port: number, serverPort: number, e: Record<string, string>) => ({
  command: `node tests/stripe/stand-in.mjs --port ${port}`,
  url: `http://127.0.0.1:${port}/_stand-in/events`,
  reuseExistingServer: false,
  timeout: 20_000,
  env: { STRIPE_SECRET_KEY: e.STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: e.STRIPE_WEBHOOK_SECRET, WEBHOOK_URL: `http://127.0.0.1:${serverPort}/api/webhooks/stripe` },
});
// The English server's metrics listener (loopback), read by revenue.spec.ts.
const METRICS_PORT = Number(process.env.E2E_REVENUE_METRICS_PORT) || PORT + 6000;
const server = (port: number, e: Record<string, string>, data: string) => ({
  command: `node ${serverNodeArgs().join(" ")} ${serverEntry(e)} --port ${port}`,
  url: `http://127.0.0.1:${port}/`,
  reuseExistingServer: false,
  timeout: 90_000,
  env: { ...e, DATA_DIR: data, MASTHEAD_WARM_UP: "0" },
});

export default defineConfig({
  testDir: "./e2e/revenue",
  outputDir: "./test-results/revenue",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 45_000,
  reporter: [["list"]],
  use: { baseURL: `http://127.0.0.1:${PORT}`, trace: "retain-on-failure", launchOptions: { executablePath } },
  projects: [
    { name: "chromium", testIgnore: /arabic\.spec\.ts/, use: { ...devices["Desktop Chrome"], launchOptions: { executablePath } } },
    { name: "arabic", testMatch: /arabic\.spec\.ts/, use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${AR_PORT}`, launchOptions: { executablePath } } },
  ],
  webServer: [standIn(STAND_IN_PORT, PORT, env), server(PORT, { ...env, METRICS_PORT: String(METRICS_PORT) }, dataDir), standIn(AR_STAND_IN_PORT, AR_PORT, arEnv), server(AR_PORT, arEnv, arDataDir)],
});
