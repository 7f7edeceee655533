#!/usr/bin/env node
// `npm run bench:client`: Lighthouse 12.2.3, mobile and desktop, on the home page, a section and an
// article — the four category scores, LCP, TBT and CLS — and the JavaScript the article page loads,
// chunk by chunk (gzip), with the client modules each chunk carries. Builds once or reuses a fresh
// build in .next; writes JSON to bench-results/.
//
// Flags: --rebuild, --port 3530, --content <dir>, --forms mobile,desktop
import path from "node:path";
import { chunkContents, discoverPages, e2eEnv, ensureBuild, freePort, kb, pageJavaScript, parseFlags, root, startNext, table, writeResults } from "./bench/lib.mjs";
import { runLighthouse } from "./bench/lighthouse.mjs";

const flags = parseFlags(process.argv.slice(2), { rebuild: false, port: 3530, content: "", forms: "mobile,desktop" });
const env = flags.content ? { ...e2eEnv(), CONTENT_DIR: path.resolve(flags.content) } : e2eEnv();
ensureBuild(env, { rebuild: flags.rebuild || Boolean(flags.content) });
const server = await startNext({ port: await freePort(flags.port), env, name: "bench-client-next" });

const runs = [];
let js;
try {
  const pages = await discoverPages(server.url);
  for (const form of String(flags.forms).split(",")) {
    for (const [name, pagePath] of Object.entries(pages)) {
      process.stdout.write(`> Lighthouse ${form} ${name} ${pagePath} … `);
      const lh = runLighthouse(server.url + pagePath, { form });
      console.log(Object.values(lh.scores).join("/"));
      runs.push({ page: name, path: pagePath, ...lh });
    }
  }
  js = await pageJavaScript(server.url, pages.article);
} finally {
  server.stop();
}

console.log(
  "\n" +
    table(
      runs.map((r) => ({
        form: r.form,
        page: r.page,
        performance: r.scores.performance,
        accessibility: r.scores.accessibility,
        "best practices": r.scores["best-practices"],
        seo: r.scores.seo,
        "LCP ms": r.lcpMs,
        "TBT ms": r.tbtMs,
        CLS: r.cls,
      })),
      ["form", "page", "performance", "accessibility", "best practices", "seo", "LCP ms", "TBT ms", "CLS"],
    ),
);
const lost = runs.flatMap((r) => Object.entries(r.failing).flatMap(([cat, audits]) => (cat === "performance" ? [] : audits.map((a) => `${r.form} ${r.page} · ${cat}: ${a.id} — ${a.title}${a.displayValue ? ` (${a.displayValue})` : ""}`))));
if (lost.length) console.log(`\nAudits costing points outside performance:\n  ${[...new Set(lost)].join("\n  ")}`);

const contents = chunkContents();
console.log(`\nJavaScript loaded by the article page ${js.path} (gzip at zlib's default level, as Next's compress sends):`);
console.log(
  table(
    js.chunks.map((c) => ({ chunk: c.src.replace("/_next/static/chunks/", ""), "raw KB": kb(c.bytes), "gzip KB": kb(c.gzip), contains: [...(contents.get(c.src) ?? ["?"])].join(", ") })),
    ["chunk", "raw KB", "gzip KB", "contains"],
  ),
);
console.log(`Total: ${kb(js.total.gzip)} KB gzip, ${kb(js.total.bytes)} KB raw, ${js.chunks.length} files`);
for (const c of js.nomodule) console.log(`Not counted: ${c.src} (${kb(c.gzip)} KB gzip) — <script nomodule> polyfills, never fetched by modern browsers`);
console.log(`Inline scripts (RSC payload, theme): ${kb(js.inline.gzip)} KB gzip, part of the ${kb(js.html.gzip)} KB gzip document`);
const mobileArticle = runs.find((r) => r.form === "mobile" && r.page === "article");
if (mobileArticle) {
  const transfer = mobileArticle.scripts.reduce((n, s) => n + (s.transferSize ?? 0), 0);
  console.log(`Lighthouse saw ${mobileArticle.scripts.length} script requests on the article page, ${kb(transfer)} KB transferred (includes HTTP headers).`);
}
console.log(`\nResults: ${path.relative(root, writeResults("bench-client", { when: new Date().toISOString(), lighthouse: runs, articleJavaScript: js }))}`);
