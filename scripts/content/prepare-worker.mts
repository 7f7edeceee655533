// A worker thread of the index build (scripts/content/build-index.mts): front matter parsing and
// markdown rendering, the pure and expensive step of lib/content/markdown/article-file.ts.
import { parentPort } from "node:worker_threads";
import { prepareFile } from "../../lib/content/markdown/article-file";

parentPort!.on("message", ({ id, texts }: { id: number; texts: string[] }) => {
  parentPort!.postMessage({ id, prepared: texts.map(prepareFile) });
});
