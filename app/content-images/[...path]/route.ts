import fs from "node:fs/promises";
import path from "node:path";
import { contentDir } from "@/lib/config/site";
import { contentImage } from "@/lib/sources/images";
import { IMAGE_CSP } from "@/lib/request/security-headers";
import { CACHE_POLICY } from "@/lib/request/cache-policy.mjs";

/**
 * Serves CONTENT_DIR/images/… at /content-images/…: only image files really inside that folder
 * (lib/sources/images.ts: symbolic links that lead out of it are refused). SVGs get a CSP sandbox
 * so a hostile SVG opened directly cannot run script; next.config.ts sends the same policy for
 * this path instead of the site's (docs/decisions/0051).
 */
export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const image = contentImage(path.join(contentDir(), "images"), (await params).path);
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
