#!/usr/bin/env node
// Masthead's production server: Next's request handler, plus a Content-Security-Policy whose
// script-src lists the SHA-256 hash of every inline script in the HTML actually sent. Next inlines
// its flight data in <script> tags that differ per page, so a static header cannot list them, and
// nonces would make every page dynamic (uncacheable). Hashing the finished HTML keeps pages static
// and cacheable and still refuses any inline script the page did not ship (docs/decisions/0007).
//
//   node scripts/server.mjs [--port 3000] [--dir .]      (PORT and HOSTNAME env work too)
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import zlib from "node:zlib";
import { frameSourcesFromHtml, withFrameSources } from "../lib/embeds/csp.mjs";

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = path.resolve(arg("dir", process.cwd()));
const port = Number(arg("port", process.env.PORT || 3000));
// The origin Next uses for internal rewrites must match the one the proxy builds (docs/decisions/0005).
const hostname = "localhost";
const listenHost = process.env.HOSTNAME && process.env.HOSTNAME !== "localhost" ? process.env.HOSTNAME : undefined;

process.env.NODE_ENV = "production";
// Inside a standalone build (.next/standalone), the config is not re-read from next.config.ts but
// comes from required-server-files.json, as Next's own standalone server.js does it.
import fs from "node:fs";
const standaloneConfig = path.join(dir, ".next", "required-server-files.json");
if (!fs.existsSync(path.join(dir, "next.config.ts")) && fs.existsSync(standaloneConfig)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(JSON.parse(fs.readFileSync(standaloneConfig, "utf8")).config);
}
const require = createRequire(path.join(dir, "package.json"));
const next = require("next");
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();

const INLINE_SCRIPT = /<script(?![^>]*\bsrc\s*=)([^>]*)>([\s\S]*?)<\/script>/gi;
const EXECUTABLE_TYPE = /\btype\s*=\s*["']?(?:text\/javascript|application\/javascript|module)["']?/i;
const ANY_TYPE = /\btype\s*=/i;

/** The hashes of the inline scripts a browser would execute (JSON-LD and other data blocks are not). */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const [, attrs, body] of html.matchAll(INLINE_SCRIPT)) {
    if (ANY_TYPE.test(attrs) && !EXECUTABLE_TYPE.test(attrs)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/** Adds the page's script hashes to the script-src of the CSP Next set from next.config.ts. */
export function withScriptHashes(csp, hashes) {
  if (!csp || !hashes.length) return csp;
  return csp.replace(/(^|;\s*)script-src([^;]*)/, (_, lead, values) => `${lead}script-src${values} ${hashes.join(" ")}`);
}

function preferredEncoding(acceptEncoding = "") {
  if (/\bbr\b/.test(acceptEncoding)) return "br";
  if (/\bgzip\b/.test(acceptEncoding)) return "gzip";
  return null;
}

function compress(body, encoding) {
  if (encoding === "br") return zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });
  return zlib.gzipSync(body, { level: 6 });
}

/** Buffers an HTML response so its CSP can name its scripts, then sends it (compressed). */
function captureHtml(req, res, acceptEncoding) {
  const chunks = [];
  const original = { write: res.write, end: res.end, writeHead: res.writeHead, flushHeaders: res.flushHeaders };
  let passthrough = false;
  const isHtml = () => String(res.getHeader("content-type") ?? "").startsWith("text/html");
  const restore = () => Object.assign(res, original);

  res.flushHeaders = () => {};
  res.writeHead = function (status, reason, headers) {
    if (typeof reason === "object" && reason !== null) [headers, reason] = [reason, undefined];
    res.statusCode = status;
    if (typeof reason === "string") res.statusMessage = reason;
    if (Array.isArray(headers)) for (let i = 0; i < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
    else if (headers) for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    return res;
  };
  res.write = function (chunk, encoding, cb) {
    if (!passthrough && !isHtml()) {
      passthrough = true;
      restore();
      return res.write(chunk, encoding, cb);
    }
    if (chunk != null) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));
    if (typeof encoding === "function") encoding();
    else if (typeof cb === "function") cb();
    return true;
  };
  res.end = function (chunk, encoding, cb) {
    if (typeof chunk === "function") [cb, chunk] = [chunk, undefined];
    if (typeof encoding === "function") [cb, encoding] = [encoding, undefined];
    if (!passthrough && !isHtml() && chunks.length === 0) {
      restore();
      return res.end(chunk, encoding, cb);
    }
    if (chunk != null) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8"));
    restore();
    let body = Buffer.concat(chunks);
    if (isHtml() && res.statusCode >= 500) {
      // A page that failed to render (typically: the content source is down and the page was not
      // cached yet) is temporarily unavailable, not broken: 503 + Retry-After, never cached, and a
      // real page body instead of Next's empty error shell (it draws the error only with JavaScript).
      res.statusCode = 503;
      res.setHeader("retry-after", "30");
      res.setHeader("cache-control", "no-store");
      if (body.includes('id="__next_error__"')) body = Buffer.from(UNAVAILABLE_PAGE);
    }
    if (isHtml()) {
      const csp = res.getHeader("content-security-policy");
      const html = body.toString("utf8");
      // Embeds: frame-src lists exactly the origins of the page's facades (lib/embeds/csp.mjs).
      if (csp) res.setHeader("content-security-policy", withFrameSources(withScriptHashes(String(csp), inlineScriptHashes(html)), frameSourcesFromHtml(html)));
    }
    const encodingOut = body.length > 1024 && req.method !== "HEAD" ? preferredEncoding(acceptEncoding) : null;
    if (encodingOut) {
      body = compress(body, encodingOut);
      res.setHeader("content-encoding", encodingOut);
    }
    const vary = String(res.getHeader("vary") ?? "");
    if (!/accept-encoding/i.test(vary)) res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    res.removeHeader("transfer-encoding");
    res.setHeader("content-length", body.length);
    return res.end(req.method === "HEAD" ? undefined : body, cb);
  };
}

await app.prepare();
const UNAVAILABLE_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Temporarily unavailable</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5"><h1>This page is not available right now</h1><p>We could not load it just now. Please try again in a minute; the rest of the site is still here.</p><p><a href="/">Go to the home page</a></p></body></html>`;

/** A path whose percent-encoding is not valid UTF-8 cannot name anything here: 400 before routing. */
function malformedPath(url = "/") {
  try {
    decodeURIComponent(url.split("?")[0]);
    return false;
  } catch {
    return true;
  }
}

const server = createServer((req, res) => {
  if (malformedPath(req.url)) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=3600" });
    res.end("Bad request: the address is not valid UTF-8.\n");
    return;
  }
  // Page navigations: Next must not compress (we hash, then compress); everything else is untouched.
  if ((req.method === "GET" || req.method === "HEAD") && /text\/html/.test(req.headers.accept ?? "")) {
    const acceptEncoding = req.headers["accept-encoding"];
    delete req.headers["accept-encoding"];
    captureHtml(req, res, acceptEncoding);
  }
  handle(req, res).catch((error) => {
    console.error("Request failed:", error instanceof Error ? error.message : error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader("content-type", "text/plain; charset=utf-8");
    }
    res.end("Internal error");
  });
});
server.listen(port, listenHost, () => console.log(`> Masthead ready on http://localhost:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
