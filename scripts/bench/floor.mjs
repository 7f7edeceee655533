#!/usr/bin/env node
// `node scripts/bench/floor.mjs [--write]`: measures the framework's own JavaScript floor — what
// Next.js and React ship for the smallest App Router page (a root layout and a static page, no
// client component of ours) — with the installed `next`, in a throwaway app under bench-results/.
// With --write, records it in perf-budget.json and sets the article budget to floor + 15 KB.
// Re-run after upgrading Next or React.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort, kb, nextBin, pageJavaScript, parseFlags, root, startServer, table, writeResults } from "./lib.mjs";

const flags = parseFlags(process.argv.slice(2), { write: false, port: 3560 });
const app = path.join(root, "bench-results", "floor-app");
fs.rmSync(app, { recursive: true, force: true });
fs.mkdirSync(path.join(app, "app"), { recursive: true });
// Plain .jsx, so the throwaway app needs no tsconfig and never joins the project's type check.
fs.writeFileSync(
  path.join(app, "app", "layout.jsx"),
  `export default function RootLayout({ children }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n`,
);
fs.writeFileSync(
  path.join(app, "app", "page.jsx"),
  `export default function Page() {\n  return <main><h1>Framework floor</h1><p>No client components of our own.</p></main>;\n}\n`,
);
fs.writeFileSync(path.join(app, "next.config.mjs"), `export default { poweredByHeader: false, compress: true };\n`);

console.log("> Building the floor app (bench-results/floor-app) …");
const built = spawnSync(process.execPath, [nextBin, "build", app], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
if (built.status !== 0) process.exit(built.status ?? 1);

const port = await freePort(flags.port);
const server = await startServer({ args: [nextBin, "start", app, "-p", String(port)], port, name: "floor-next" });
let js;
try {
  js = await pageJavaScript(server.url, "/");
} finally {
  server.stop();
}
const nextVersion = JSON.parse(fs.readFileSync(path.join(root, "node_modules", "next", "package.json"), "utf8")).version;
const reactVersion = JSON.parse(fs.readFileSync(path.join(root, "node_modules", "react", "package.json"), "utf8")).version;
console.log(table(js.chunks.map((c) => ({ chunk: c.src, "raw KB": kb(c.bytes), "gzip KB": kb(c.gzip) })), ["chunk", "raw KB", "gzip KB"]));
const floor = kb(js.total.gzip);
console.log(`Framework floor (next ${nextVersion}, react ${reactVersion}): ${floor} KB gzip, ${kb(js.total.bytes)} KB raw`);
writeResults("floor", { next: nextVersion, react: reactVersion, javascript: js });

if (flags.write) {
  const file = path.join(root, "perf-budget.json");
  const budget = JSON.parse(fs.readFileSync(file, "utf8"));
  budget.frameworkFloor = { javascriptGzipKB: floor, next: nextVersion, react: reactVersion, measuredWith: "node scripts/bench/floor.mjs" };
  budget.articlePage.javascriptGzipKB = Math.round((floor + 15) * 10) / 10;
  fs.writeFileSync(file, JSON.stringify(budget, null, 2) + "\n");
  console.log(`perf-budget.json: article page budget set to ${budget.articlePage.javascriptGzipKB} KB (floor + 15 KB)`);
}
