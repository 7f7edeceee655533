/**
 * The one rule for local content images, used by the route that serves them
 * (app/content-images/[...path]) and by the markdown loader that checks the images articles and
 * authors refer to — so what the build accepts is exactly what the site will serve.
 */
import fs from "node:fs";
import path from "node:path";

/** Local images live in CONTENT_DIR/images and are served at /content-images/… */
export const IMAGE_URL_PREFIX = "/content-images/";

export const IMAGE_TYPES: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".gif": "image/gif",
  }),
);

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface ContentImage {
  /** The real path of the file (symbolic links resolved). */
  file: string;
  type: string;
}

/**
 * The image at `segments` (the path below images/, one segment per folder) when it may be served:
 * every segment a plain name, an image extension, and — after resolving every symbolic link — a
 * regular file whose real path lies inside the real images folder. Anything else is null: a link to
 * `../../package.json` or to a folder elsewhere is refused, a link to another image inside
 * images/ is fine. Hard links cannot be told apart from files and are the operator's business.
 */
export function contentImage(imagesDir: string, segments: readonly string[]): ContentImage | null {
  if (segments.length === 0 || segments.some((s) => !SEGMENT.test(s) || s.includes(".."))) return null;
  const type = IMAGE_TYPES[path.extname(segments[segments.length - 1]).toLowerCase()];
  if (!type) return null;
  try {
    const root = fs.realpathSync(imagesDir);
    const file = fs.realpathSync(path.join(root, ...segments));
    if (!file.startsWith(root + path.sep) || !fs.statSync(file).isFile()) return null;
    // The extension that counts is the real file's: a link named x.png to notes.txt is refused too.
    const realType = IMAGE_TYPES[path.extname(file).toLowerCase()];
    return realType ? { file, type: realType } : null;
  } catch {
    return null;
  }
}

/** The image a `/content-images/…` URL names, by the same rule; null for any other URL. */
export function contentImageForUrl(imagesDir: string, url: string): ContentImage | null {
  if (!url.startsWith(IMAGE_URL_PREFIX)) return null;
  const rest = url.slice(IMAGE_URL_PREFIX.length).split(/[?#]/)[0];
  let segments: string[];
  try {
    segments = rest.split("/").map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  return contentImage(imagesDir, segments);
}
