import { defineConfig, devices } from "@playwright/test";
import { COMMON_CONFIG, executablePath } from "./e2e/support/chromium";
import editions from "./e2e/editions/env.json";
import { serverEntry, serverNodeArgs } from "./scripts/server-launch.cjs";

// The Arabic (right-to-left) and French sample sites, each served from its own build
// (`node scripts/build.mjs` with the site's env: .next-ar, .next-fr) on its own port.
// E2E_AR_PORT / E2E_FR_PORT let two checkouts run side by side. `npm test` builds both and runs this.
const sites = editions.sites;
// E2E_EDITIONS=ar runs (and starts the server of) one site only.
const chosen = (process.env.E2E_EDITIONS || "ar,fr").split(",").filter((n): n is "ar" | "fr" => n === "ar" || n === "fr");
const port = (name: "ar" | "fr") => Number(process.env[`E2E_${name.toUpperCase()}_PORT`]) || sites[name].port;

const project = (name: "ar" | "fr") => ({
  name,
  testMatch: `${name}.spec.ts`,
  use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${port(name)}`, launchOptions: { executablePath } },
});

export default defineConfig({
  testDir: "./e2e/editions",
  outputDir: "./test-results/editions",
  ...COMMON_CONFIG,
  use: { trace: "retain-on-failure" },
  projects: chosen.map(project),
  webServer: chosen.map((name) => ({
    command: `node ${serverNodeArgs().join(" ")} ${serverEntry(sites[name].env)} --port ${port(name)}`,
    url: `http://127.0.0.1:${port(name)}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: sites[name].env,
  })),
});
