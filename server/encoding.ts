/**
 * Content negotiation and compression. Compression is asynchronous (zlib on libuv's thread pool), so
 * a large page never blocks the event loop for other requests.
 */
import { promisify } from "node:util";
import zlib from "node:zlib";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

export type Encoding = "br" | "gzip";

/** The encoding to send for an Accept-Encoding header: br, then gzip, else null (identity). q=0 refuses. */
export function negotiate(acceptEncoding: string | string[] = ""): Encoding | null {
  const accepted = new Map<string, number>();
  for (const part of String(acceptEncoding).toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const wildcard = accepted.get("*");
  const ok = (name: string) => (accepted.get(name) ?? wildcard ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return null;
}

export function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === "br") {
    return brotli(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
  }
  return gzip(body, { level: 6 });
}

export const decompressGzip = (body: Buffer): Promise<Buffer> => gunzip(body);

/** Types worth compressing; images and fonts are already compressed. */
export function isCompressible(contentType = ""): boolean {
  return /^(text\/|application\/(json|javascript|xml|rss\+xml|atom\+xml|manifest\+json|ld\+json)|image\/svg\+xml|text\/x-component)/i.test(String(contentType));
}
