/**
 * The content index's expensive step, by the batch: front matter and the markdown pipeline for many
 * texts at once (article-file.ts prepareFile). The build runs it in worker threads
 * (scripts/content/build-index.mts); the server and the tests in process.
 */
import { createHash } from "node:crypto";
import { prepareFile, renderOptions, type PreparedFile, type RenderSetting } from "./article-file";

/** Front matter parsing and rendering of many files at once, for a site language and folder. */
export type Preparer = (texts: string[], setting: RenderSetting) => Promise<PreparedFile[]>;

export const prepareInProcess: Preparer = async (texts, setting) => {
  const options = renderOptions(setting);
  return texts.map((t) => prepareFile(t, options));
};

/** What the index keeps of a file's text, to tell an edit from a touch. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}
