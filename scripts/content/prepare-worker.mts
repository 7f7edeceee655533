// A worker thread of the index build (scripts/content/build-index.mts): front matter parsing and
// markdown rendering, the pure and expensive step of lib/sources/markdown/article-file.ts.
import { parentPort } from "node:worker_threads";
import { prepareFile, renderOptions, type RenderSetting } from "../../lib/sources/markdown/article-file";

// The options are made per batch: body images are sized from the files as they are now.
parentPort!.on("message", ({ id, texts, setting }: { id: number; texts: string[]; setting: RenderSetting }) => {
  const options = renderOptions(setting);
  parentPort!.postMessage({ id, prepared: texts.map((t) => prepareFile(t, options)) });
});
