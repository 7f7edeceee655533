import fs from "node:fs/promises";
import path from "node:path";
import { contentDir } from "@/lib/config/site";
import { contentImage } from "@/lib/sources/images";
import { IMAGE_CSP } from "@/lib/request/security-headers";
import { CACHE_POLICY } from "@/lib/request/cache-policy.mjs";
import { embedCacheDir, THUMBNAIL_FILE, THUMBNAIL_TYPES } from "@/lib/embeds/oembed";

/**
 * Serves CONTENT_DIR/images/… at /content-images/…: only image files really inside that folder
 * (lib/sources/images.ts: symbolic links that lead out of it are refused). SVGs get a CSP sandbox
 * so a hostile SVG opened directly cannot run script; next.config.ts sends the same policy for
 * this path instead of the site's (docs/decisions/0051). Embed pictures are served below
 * /content-images/_embeds/ from the embed cache (docs/decisions/0230).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const segments = (await params).path;
  // Embed pictures kept by the content index's update (lib/embeds/oembed.ts) under a name no file of
  // images/ can have (its names start with a letter or digit): the hash of their bytes.
  const embedded = segments.length === 2 && segments[0] === "_embeds" && THUMBNAIL_FILE.test(segments[1]) ? segments[1] : null;
  const image = embedded
    ? { file: path.join(/*turbopackIgnore: true*/ embedCacheDir(contentDir()), embedded), type: THUMBNAIL_TYPES[embedded.split(".")[1]] }
    : contentImage(path.join(contentDir(), "images"), segments);
  if (!image) return notFound();
  try {
    const body = await fs.readFile(image.file);
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": image.type,
        "Cache-Control": CACHE_POLICY.contentImage,
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": IMAGE_CSP,
      },
    });
  } catch {
    return notFound();
  }
}

function notFound() {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
