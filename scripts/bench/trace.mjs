// One cold load of a page in a phone-sized Chromium, traced (scripts/bench/main-thread.mjs and
// profile.mjs): what both read from the trace.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright";
import { findBrowser } from "../browser.mjs";

export const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "loading"];

/** A Chromium for the traces (CHROMIUM_PATH, else the one scripts/browser.mjs finds), and where they go. */
export async function tracingBrowser() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || findBrowser() || undefined });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "masthead-trace-")), "trace.json");
  return { browser, file };
}

/**
 * Loads `url` in a fresh phone-sized context (a cold browser, as Lighthouse's: nothing cached,
 * nothing compiled; the server is warmed first, so this measures the phone, not the server), traced
 * from about:blank to 3 s after load. Returns the trace's events, the first contentful paint, and a
 * test for the events of that renderer's main thread.
 */
export async function traceColdLoad({ browser, file }, url, extraCategories = []) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await fetch(url, { headers: { accept: "text/html" } }).then((r) => r.arrayBuffer());
  await page.goto("about:blank");
  await browser.startTracing(page, { path: file, categories: [...CATEGORIES, ...extraCategories] });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(3000);
  await browser.stopTracing();
  await context.close();
  const events = JSON.parse(fs.readFileSync(file, "utf8")).traceEvents;
  const threads = new Map(events.filter((e) => e.name === "thread_name").map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const fcp = events.find((e) => e.name === "firstContentfulPaint");
  if (!fcp) throw new Error(`no first paint in the trace of ${url}`);
  const onMainThread = (e) => e.pid === fcp.pid && threads.get(`${e.pid}:${e.tid}`) === "CrRendererMain";
  return { events, fcp, onMainThread };
}
