/**
 * Which change a file of the markdown content folder stands for — what the webhook would be told
 * if an editor called it for that file. Paths are relative to the folder, with "/" separators.
 */
import path from "node:path";
import type { Change } from "./change";
import { SLUG } from "../sources/rules";


/** null: not content (an editor's swap file, the index, anything outside the format). */
export function changeForFile(relative: string): Change | null {
  const rel = relative.split(path.sep).join("/");
  const parts = rel.split("/");
  // Hidden files and folders (.masthead/ holds the index; .git; editors' .#locks and .swp files).
  if (parts.some((p) => p.startsWith(".") || p.endsWith("~"))) return null;
  if (rel === "site.yml") return { all: true };
  // Images are not followed: an article's images are checked when its file is published (a
  // replaced image: save the article again, or the webhook {"all": true}).
  if (!rel.endsWith(".md")) return null;
  const name = path.posix.basename(rel, ".md");
  if (!SLUG.test(name)) return null;
  switch (parts[0]) {
    case "articles":
      return { slug: name };
    case "live":
      return parts.length === 3 && SLUG.test(parts[1]) ? { slug: parts[1] } : null;
    case "authors":
      return parts.length === 2 ? { author: name } : null;
    case "pages":
      return parts.length === 2 ? { page: name } : null;
    default:
      return null;
  }
}
