// `node --import tsx scripts/content/build-index.mts [--workers N]`: creates or updates the content
// index of CONTENT_DIR (docs/decisions/0080), the first step of `npm run build`. Bodies are rendered
// in worker threads (default: 2, or 0 to render in this thread); only files whose text changed
// since the last build are rendered. Invalid content exits 1, naming every file and field.
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { contentDir } from "../../lib/config/site";
import { IndexWriter, prepareInProcess, type Preparer } from "../../lib/sources/markdown/index-writer";
import { isContentValidationError } from "../../lib/sources/errors";
import type { PreparedFile, RenderSetting } from "../../lib/sources/markdown/article-file";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const workers = Math.max(0, Math.min(Number(flag("workers") ?? process.env.CONTENT_INDEX_WORKERS ?? Math.min(2, os.availableParallelism())), 16));

function workerPool(n: number): { preparer: Preparer; close: () => Promise<void> } {
  // Started at the second batch: a worker takes seconds to load the pipeline, which a build that
  // renders a few changed files would only wait for.
  let pool: Worker[] = [];
  let seen = 0;
  const start = () => {
    pool = Array.from({ length: n }, () => new Worker(path.join(import.meta.dirname, "prepare-worker.mjs")));
    pool.forEach(listen);
  };
  let next = 0;
  const waiting = new Map<number, (prepared: PreparedFile[]) => void>();
  const listen = (w: Worker) => {
    w.on("message", ({ id, prepared }: { id: number; prepared: PreparedFile[] }) => {
      waiting.get(id)?.(prepared);
      waiting.delete(id);
    });
    w.on("error", (error) => {
      console.error("An index worker failed:", error);
      process.exit(1);
    });
  };
  const run = (texts: string[], setting: RenderSetting) =>
    new Promise<PreparedFile[]>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      pool[id % pool.length].postMessage({ id, texts, setting });
    });
  // A batch is split across the workers, and its parts come back in order.
  const preparer: Preparer = async (texts, setting) => {
    seen += texts.length;
    if (!pool.length && seen > 256) start();
    if (!pool.length || texts.length < 8) return prepareInProcess(texts, setting);
    const size = Math.ceil(texts.length / pool.length);
    const parts = await Promise.all(pool.map((_, i) => run(texts.slice(i * size, (i + 1) * size), setting)));
    return parts.flat();
  };
  return { preparer, close: async () => void (await Promise.all(pool.map((w) => w.terminate()))) };
}

const dir = contentDir();
const writer = new IndexWriter(dir);
const pool = workers > 0 ? workerPool(workers) : null;
console.log(`> Content index ${path.relative(process.cwd(), writer.file) || writer.file} for ${dir} (${workers} render worker${workers === 1 ? "" : "s"})`);
try {
  const r = await writer.update({ all: true }, pool?.preparer ?? prepareInProcess, (line) => console.log(line));
  console.log(
    `✔ Content index: ${r.articles} articles; ${r.rendered} rendered, ${r.unchanged} re-read unchanged, ${r.removed} removed, the rest reused; ${(r.ms / 1000).toFixed(1)} s`,
  );
} catch (error) {
  if (isContentValidationError(error)) {
    console.error(`\n${error.message}\n`);
    process.exitCode = 1;
  } else throw error;
} finally {
  writer.close();
  await pool?.close();
}
