#!/usr/bin/env node
// `npm run screenshots`: the pages a reader sees most — home, section, articles (with and without a
// picture, with embeds), a live blog, search, an author, About, 404 — on a phone (390×844) and a
// desktop (1280×900), light and dark, in English and Arabic (right to left), written to
// docs/screenshots/ (what each shows: docs/screenshots/README.md). Builds both sample sites first
// (`--reuse` serves the builds already there, `--site=en` one site, `--only=home` one kind of page), serves them on ports 3203/3204 (SCREENSHOTS_PORT
// moves them) and stops the servers by PID.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { findBrowser } from "./browser.mjs";
import { serverEntry, serverNodeArgs } from "./server-launch.cjs";

const require = createRequire(import.meta.url);
const { chromium } = require("@playwright/test");
const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "docs", "screenshots");
const reuse = process.argv.includes("--reuse");
const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7);
const siteArg = process.argv.find((a) => a.startsWith("--site="))?.slice(7);
const basePort = Number(process.env.SCREENSHOTS_PORT) || 3203;
const e2e = JSON.parse(fs.readFileSync(path.join(root, "e2e", "env.json"), "utf8")).env;
const editions = JSON.parse(fs.readFileSync(path.join(root, "e2e", "editions", "env.json"), "utf8")).sites;

const SITES = [
  {
    lang: "en",
    env: e2e,
    port: basePort,
    pages: {
      home: "/",
      section: "/news",
      "article-image": "/news/world-news/calder-strait-ferry-strike",
      "article-text": "/news/local/ferry-winter-timetable",
      "article-embeds": "/culture/harbour-lights-as-shared",
      "article-long": "/culture/ten-boats-one-harbour",
      live: "/news/local/storm-corran-live",
      search: "/search?q=ferry",
      author: "/authors/maren-okafor",
      about: "/about",
      support: "/support",
      newsletters: "/newsletters",
      "not-found": "/no-such-page",
    },
  },
  {
    lang: "ar",
    env: editions.ar.env,
    port: basePort + 1,
    pages: {
      home: "/",
      section: "/akhbar",
      "article-image": "/akhbar/mahalliya/jisr-al-marfa",
      "article-text": "/akhbar/mahalliya/masudat-al-mizaniya",
      search: "/search?q=" + encodeURIComponent("المرفأ"),
      author: "/authors/layla-haddad",
      about: "/man-nahnu",
      support: "/support",
      "not-found": "/no-such-page",
    },
  },
];
const VIEWPORTS = { phone: { width: 390, height: 844, isMobile: true, hasTouch: true }, desktop: { width: 1280, height: 900 } };
// Whole pages where the structure is the point; the first screen elsewhere.
const FULL = new Set(["home", "section", "article-image"]);

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

async function waitFor(url, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server for ${url} exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer`);
}

// Palette PNGs (libimagequant through sharp, which Next installs for its image optimiser): a third of
// the bytes of Chromium's PNGs, no visible difference on flat pages. Without sharp: Chromium's PNGs.
let sharp = null;
try {
  sharp = require("sharp");
} catch {
  console.warn("! sharp is not installed: the screenshots are saved uncompressed");
}
let bytes = 0;
async function save(png, file) {
  const data = sharp ? await sharp(png).png({ palette: true, quality: 90, effort: 8, compressionLevel: 9 }).toBuffer() : png;
  fs.writeFileSync(path.join(out, file), data);
  bytes += data.length;
}

const browserPath = findBrowser();
if (!browserPath) throw new Error("No Chromium: set CHROMIUM_PATH or install one (see README).");
fs.mkdirSync(out, { recursive: true });
// A full run replaces the set, so pages renamed or dropped leave no stale pictures behind.
if (!only && !siteArg) for (const f of fs.readdirSync(out)) if (f.endsWith(".png")) fs.rmSync(path.join(out, f));
const servers = [];
try {
  for (const site of SITES.filter((s) => !siteArg || s.lang === siteArg)) {
    if (!reuse) run(process.execPath, [path.join(root, "scripts", "build.mjs")], site.env);
    const child = spawn(process.execPath, [...serverNodeArgs(), serverEntry({ ...process.env, ...site.env }), "--port", String(site.port)], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, ...site.env, MASTHEAD_WARM_UP: "0" },
    });
    servers.push(child);
    await waitFor(`http://127.0.0.1:${site.port}/`, child);
  }
  const browser = await chromium.launch({ executablePath: browserPath });
  let count = 0;
  for (const site of SITES.filter((s) => !siteArg || s.lang === siteArg)) {
    for (const [vpName, vp] of Object.entries(VIEWPORTS)) {
      for (const scheme of ["light", "dark"]) {
        const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, isMobile: vp.isMobile, hasTouch: vp.hasTouch, colorScheme: scheme, reducedMotion: "reduce" });
        const page = await context.newPage();
        for (const [name, url] of Object.entries(site.pages)) {
          if (only && !name.startsWith(only)) continue;
          await page.goto(`http://127.0.0.1:${site.port}${url}`, { waitUntil: "networkidle" });
          await page.evaluate(() => document.fonts.ready);
          const file = `${site.lang}-${name}-${vpName}-${scheme}.png`;
          await save(await page.screenshot({ fullPage: FULL.has(name) }), file);
          count++;
          if (name === "article-image") {
            // The boxes readers are asked to act on, on their own: support (donation) and the newsletter sign-up.
            for (const [box, testId] of [["support-box", "donation"], ["newsletter-box", "newsletter-article"]]) {
              const el = page.getByTestId(testId);
              if (await el.count()) {
                await el.scrollIntoViewIfNeeded();
                // The box alone: the "Check also" bar a phone shows at the end of the story would sit on it.
                await page.evaluate(() => document.querySelector("[data-testid=check-also-card]")?.style.setProperty("visibility", "hidden"));
                await save(await el.screenshot(), `${site.lang}-${box}-${vpName}-${scheme}.png`);
                await page.evaluate(() => document.querySelector("[data-testid=check-also-card]")?.style.removeProperty("visibility"));
                count++;
              }
            }
            await page.evaluate(() => window.scrollTo(0, 0));
          }
          if (name === "article-embeds") {
            // The embeds themselves: the video facade first, the posts, audio and chart after it.
            await page.locator("figure.embed").first().scrollIntoViewIfNeeded();
            await page.evaluate(() => window.scrollBy(0, -80));
            await save(await page.screenshot(), `${site.lang}-embeds-${vpName}-${scheme}.png`);
            count++;
          }
          if (name === "article-image" && scheme === "light") {
            // The end of the story, where "Check also" shows (a bottom bar on a phone, the margin on a desktop).
            await page.locator("#article-end").scrollIntoViewIfNeeded();
            await page.getByTestId("check-also-card").and(page.locator('[data-open="true"]')).waitFor();
            await save(await page.screenshot(), `${site.lang}-article-end-${vpName}-${scheme}.png`);
            count++;
          }
          if (name === "home" && vpName === "phone" && scheme === "light") {
            await page.locator("[data-testid=site-menu] summary").click();
            await save(await page.screenshot(), `${site.lang}-menu-${vpName}-${scheme}.png`);
            await page.locator("[data-testid=site-menu] summary").click();
            count++;
          }
        }
        await context.close();
      }
    }
  }
  await browser.close();
  console.log(`✔ ${count} screenshots in docs/screenshots/ (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
} finally {
  for (const s of servers) s.kill("SIGTERM");
}
