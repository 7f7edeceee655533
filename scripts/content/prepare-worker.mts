// A worker thread of the index build (scripts/content/build-index.mts): front matter parsing and
// markdown rendering, the pure and expensive step of lib/content/markdown/article-file.ts.
import { parentPort } from "node:worker_threads";
import { prepareFile, renderOptions } from "../../lib/content/markdown/article-file";

parentPort!.on("message", ({ id, texts, language }: { id: number; texts: string[]; language: string }) => {
  const options = renderOptions(language);
  parentPort!.postMessage({ id, prepared: texts.map((t) => prepareFile(t, options)) });
});
