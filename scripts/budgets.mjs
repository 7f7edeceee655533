#!/usr/bin/env node
// `npm run budgets`: the CI performance gate. Sizes and Lighthouse category scores only — never
// timings, which are noise on a shared 2-core runner.
//
//  1. The article page's JavaScript (gzip, every script the server HTML loads) must stay within
//     perf-budget.json → articlePage.javascriptGzipKB (the framework floor + 15 KB).
//  2. Lighthouse (mobile) on the article page: accessibility, best practices and SEO must be 100.
//     The performance score is printed, not gated.
//
// Reuses the production build `npm test` leaves in .next (made with e2e/env.json) when it is newer
// than the code; otherwise builds it first. Flags: --rebuild, --port <n>, --json <file>.
import fs from "node:fs";
import path from "node:path";
import { chunkContents, e2eEnv, ensureBuild, freePort, kb, pageJavaScript, PAGES, parseFlags, root, startNext, table, writeResults } from "./bench/lib.mjs";
import { runLighthouse } from "./bench/lighthouse.mjs";

const flags = parseFlags(process.argv.slice(2), { rebuild: false, port: 3550, json: "" });
const budget = JSON.parse(fs.readFileSync(path.join(root, "perf-budget.json"), "utf8"));
const started = Date.now();
const env = e2eEnv();
const failures = [];

ensureBuild(env, { rebuild: flags.rebuild });
const server = await startNext({ port: await freePort(flags.port), env, name: "budgets-next" });
try {
  // 1. JavaScript weight of the article page
  const js = await pageJavaScript(server.url, PAGES.article);
  const contents = chunkContents();
  console.log(`\nArticle page ${PAGES.article}: JavaScript chunks (gzip = zlib default level, as Next's compress sends)`);
  console.log(
    table(
      js.chunks.map((c) => ({ chunk: c.src.replace("/_next/static/chunks/", ""), "raw KB": kb(c.bytes), "gzip KB": kb(c.gzip), contains: [...(contents.get(c.src) ?? ["?"])].map(short).join(", ").slice(0, 110) })),
      ["chunk", "raw KB", "gzip KB", "contains"],
    ),
  );
  const limit = budget.articlePage.javascriptGzipKB;
  const total = kb(js.total.gzip);
  const verdict = total <= limit ? "ok" : "OVER BUDGET";
  console.log(`Total: ${total} KB gzip (${kb(js.total.bytes)} KB raw), budget ${limit} KB → ${verdict}`);
  for (const c of js.nomodule) console.log(`(not counted: ${c.src.replace("/_next/static/chunks/", "")}, ${kb(c.gzip)} KB gzip, <script nomodule> polyfills that modern browsers never fetch)`);
  console.log(`(not counted: inline scripts — the RSC payload and theme script — ${kb(js.inline.gzip)} KB gzip inside the ${kb(js.html.gzip)} KB gzip HTML)`);
  if (total > limit) failures.push(`article page JavaScript ${total} KB gzip exceeds the budget of ${limit} KB (perf-budget.json)`);

  // 2. Lighthouse category scores on the article page
  const lh = runLighthouse(server.url + PAGES.article, { form: budget.lighthouse.form });
  console.log(`\nLighthouse ${lh.lighthouseVersion} (${lh.form}) on the article page:`);
  for (const [category, score] of Object.entries(lh.scores)) {
    const min = budget.lighthouse.minimum[category];
    const gate = min === undefined ? "(printed, not gated)" : score >= min ? `ok (≥ ${min})` : `FAIL (needs ${min})`;
    console.log(`  ${category.padEnd(15)} ${String(score).padStart(3)}  ${gate}`);
    if (min !== undefined && score < min) {
      failures.push(`Lighthouse ${category} is ${score}, needs ${min}`);
      for (const a of lh.failing[category]) console.log(`      ✖ ${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ""}${a.items.length ? `\n        ${a.items.map((i) => JSON.stringify(i)).join("\n        ")}` : ""}`);
    }
  }
  console.log(`  LCP ${lh.lcpMs} ms, TBT ${lh.tbtMs} ms, CLS ${lh.cls} (informational)`);

  const file = writeResults("budgets", { when: new Date().toISOString(), budget, javascript: js, lighthouse: lh, failures });
  if (flags.json) fs.copyFileSync(file, flags.json);
} finally {
  server.stop();
}

console.log(`\nBudgets ${failures.length ? "FAILED" : "passed"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const f of failures) console.error(`  ✖ ${f}`);
process.exit(failures.length ? 1 : 0);

function short(label) {
  return label.replace(/^node_modules\/next\/dist\/(esm\/)?/, "next/").replace(/^node_modules\//, "");
}
