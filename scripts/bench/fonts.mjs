#!/usr/bin/env node
// The web font's cost, side by side in one run (docs/performance.md "Text face"): the same pages of
// the same build loaded in Chromium on a throttled phone profile (Lighthouse's mobile network:
// 150 ms RTT, 1.6 Mbps down; CPU 4× slower), in turn with the text face preloaded (as built), with
// the font's preload link taken out of the HTML, and with its files refused (the metric-matched
// fallback, as if there were no web font). Reports the font bytes each
// page fetched, the median LCP and the worst CLS of RUNS loads per variant.
// Usage: node scripts/bench/fonts.mjs [--runs 3] [--port 3205]   (needs a build made with e2e/env.json, as npm test leaves it)
import { spawn } from "node:child_process";
import path from "node:path";
import fs from "node:fs";
import { createRequire } from "node:module";
import { findBrowser } from "../browser.mjs";
import { serverEntry, serverNodeArgs } from "../server-launch.cjs";

const require = createRequire(import.meta.url);
const { chromium } = require("@playwright/test");
const root = path.resolve(import.meta.dirname, "../..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg("runs", "3"));
const PORT = Number(arg("port", "3205"));
const e2e = JSON.parse(fs.readFileSync(path.join(root, "e2e", "env.json"), "utf8")).env;
const PAGES = { article: "/news/world-news/calder-strait-ferry-strike", home: "/", section: "/news" };

const server = spawn(process.execPath, [...serverNodeArgs(), serverEntry(), "--port", String(PORT)], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, ...e2e, MASTHEAD_WARM_UP: "0" },
});
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) break;
    } catch {
      if (i > 300) throw new Error("the server did not start");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await chromium.launch({ executablePath: findBrowser() });
  const results = {};
  // variant: "preloaded" (as built), "not preloaded" (the same page with its <link rel=preload as=font>
  // taken out of the HTML), "fallback" (the font files refused).
  async function load(url, variant) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    // Bytes on the wire of each font file, from the network events (awaited before the page closes).
    const sizes = [];
    page.on("requestfinished", (r) => {
      if (/\.woff2($|\?)/.test(r.url())) sizes.push(r.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
    });
    if (variant === "fallback") await page.route(/\.woff2($|\?)/, (route) => route.abort());
    if (variant === "not preloaded") {
      await page.route(`http://127.0.0.1:${PORT}${url}`, async (route) => {
        const response = await route.fetch();
        const html = (await response.text()).replace(/<link rel="preload" href="[^"]+\.woff2"[^>]*>/g, "");
        await route.fulfill({ response, body: html });
      });
    }
    await page.addInitScript(() => {
      window.__lcp = 0;
      window.__cls = 0;
      window.__fcp = 0;
      new PerformanceObserver((l) => l.getEntries().forEach((e) => e.name === "first-contentful-paint" && (window.__fcp = e.startTime))).observe({ type: "paint", buffered: true });
      new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__lcp = e.startTime))).observe({ type: "largest-contentful-paint", buffered: true });
      new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__cls += e.hadRecentInput ? 0 : e.value))).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(`http://127.0.0.1:${PORT}${url}`, { waitUntil: "networkidle" });
    await page.evaluate(() => document.fonts.ready);
    const { lcp, cls, fcp } = await page.evaluate(() => ({ lcp: window.__lcp, cls: window.__cls, fcp: window.__fcp }));
    const fontBytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    await context.close();
    return { lcp, cls, fcp, fontBytes };
  }
  for (const [name, url] of Object.entries(PAGES)) {
    for (let run = 0; run < RUNS; run++) {
      const variants = ["preloaded", "not preloaded", "fallback"];
      for (const variant of run % 2 ? variants.reverse() : variants) {
        const key = `${name} ${variant === "fallback" ? "fallback only" : `text face, ${variant}`}`;
        (results[key] ??= []).push(await load(url, variant));
      }
    }
  }
  await browser.close();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`| page | variant | font bytes | FCP median (ms) | LCP median (ms) | CLS worst |\n|---|---|---:|---:|---:|---:|`);
  for (const [key, runs] of Object.entries(results)) {
    const [page, ...variant] = key.split(" ");
    console.log(`| ${page} | ${variant.join(" ")} | ${median(runs.map((r) => r.fontBytes)).toLocaleString("en")} | ${Math.round(median(runs.map((r) => r.fcp)))} | ${Math.round(median(runs.map((r) => r.lcp)))} | ${Math.max(...runs.map((r) => r.cls)).toFixed(3)} |`);
  }
} finally {
  server.kill("SIGTERM");
}
