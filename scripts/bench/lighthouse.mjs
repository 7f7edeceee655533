// Runs Lighthouse 12.2.3 (the CLI from node_modules) against a URL in Debian's / Playwright's Chromium
// and returns the parts Masthead reports: category scores, LCP, TBT, CLS and the scripts loaded.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findBrowser } from "../browser.mjs";

// Not imported from ./lib.mjs: the Arabic suite imports this module inside Playwright, whose loader
// already holds ../server-launch.cjs (from the config) in another module format.
const root = path.resolve(import.meta.dirname, "..", "..");

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

export function chromePath() {
  const found = process.env.CHROME_PATH || findBrowser();
  if (!found) throw new Error("No Chromium for Lighthouse: set CHROME_PATH, or install one (apt-get install -y chromium)");
  return found;
}

/**
 * form: "mobile" (Lighthouse's default: Moto G Power, slow 4G, 4× CPU) or "desktop" (--preset=desktop).
 * A run that Lighthouse itself could not complete (a runtime error such as NO_NAVSTART, no report)
 * is tried again, up to three times: that is the tool failing on a busy machine, not a score.
 */
export function runLighthouse(url, options = {}) {
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return runLighthouseOnce(url, options);
    } catch (error) {
      lastError = error;
      console.warn(`! Lighthouse attempt ${attempt} on ${url} did not complete: ${error.message.split("\n")[0]}`);
    }
  }
  throw lastError;
}

function runLighthouseOnce(url, { form = "mobile", categories = CATEGORIES } = {}) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "masthead-lh-")), "report.json");
  const args = [
    path.join(root, "node_modules", "lighthouse", "cli", "index.js"),
    url,
    "--output=json",
    `--output-path=${out}`,
    `--only-categories=${categories.join(",")}`,
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    "--quiet",
    ...(form === "desktop" ? ["--preset=desktop"] : []),
  ];
  const result = spawnSync(process.execPath, args, {
    env: { ...process.env, CHROME_PATH: chromePath() },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (!fs.existsSync(out)) throw new Error(`Lighthouse failed on ${url} (${form}):\n${result.stderr?.slice(-2000) ?? result.error}`);
  const lhr = JSON.parse(fs.readFileSync(out, "utf8"));
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  return summarise(lhr, form);
}

function summarise(lhr, form) {
  const scores = Object.fromEntries(CATEGORIES.filter((c) => lhr.categories[c]).map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
  const metric = (id) => lhr.audits[id]?.numericValue;
  // Audits that cost points in a category (score below 1, and not informative/manual/not applicable).
  const failing = {};
  for (const c of CATEGORIES) {
    const cat = lhr.categories[c];
    if (!cat) continue;
    failing[c] = cat.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && a.score !== null && a.score < 1 && !["notApplicable", "manual", "informative"].includes(a.scoreDisplayMode))
      .map((a) => ({ id: a.id, title: a.title, score: a.score, displayValue: a.displayValue, items: (a.details?.items ?? []).slice(0, 5).map(brief) }));
  }
  const scripts = (lhr.audits["network-requests"]?.details?.items ?? [])
    .filter((r) => r.resourceType === "Script")
    .map((r) => ({ url: r.url, transferSize: r.transferSize, resourceSize: r.resourceSize }));
  return {
    url: lhr.finalDisplayedUrl ?? lhr.finalUrl,
    form,
    lighthouseVersion: lhr.lighthouseVersion,
    scores,
    lcpMs: Math.round(metric("largest-contentful-paint")),
    tbtMs: Math.round(metric("total-blocking-time")),
    cls: Math.round(metric("cumulative-layout-shift") * 1000) / 1000,
    fcpMs: Math.round(metric("first-contentful-paint")),
    scripts,
    failing,
  };
}

function brief(item) {
  const out = {};
  for (const [k, v] of Object.entries(item)) {
    if (typeof v === "string" || typeof v === "number") out[k] = typeof v === "string" ? v.slice(0, 200) : v;
    else if (v && typeof v === "object" && v.type === "node") out[k] = (v.snippet ?? v.selector ?? "").slice(0, 200);
    else if (v && typeof v === "object" && v.type === "source-location") out[k] = `${v.url}:${v.line}`;
  }
  return out;
}
