/**
 * The reserved first path segments (lib/sources/rules.ts) are the one list of what routes take: every
 * route of app/, every internal rewrite target and every path the proxy leaves to a handler of its own
 * is in it — or is no slug at all, so no section, page or article could ever take it.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RESERVED_SECTION_SLUGS, SLUG } from "./rules";
import { INTERNAL_ROUTES } from "../request/routing";
import { UNAVAILABLE_ROUTE } from "../request/http";

const root = path.resolve(__dirname, "../..");
const takenOrNoSlug = (segment: string) => RESERVED_SECTION_SLUGS.has(segment) || !SLUG.test(segment);

/** First segments of app/'s routes: its folders (not dynamic, group or private ones) and metadata files. */
function appSegments(): string[] {
  const metadata: Record<string, string> = { "robots.ts": "robots.txt", "sitemap.ts": "sitemap.xml", "manifest.ts": "manifest.webmanifest" };
  return fs.readdirSync(path.join(root, "app"), { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return /^[[(_@]/.test(entry.name) ? [] : [entry.name];
    return metadata[entry.name] ? [metadata[entry.name]] : /^(icon|apple-icon|favicon|opengraph-image)\./.test(entry.name) ? [entry.name] : [];
  });
}

/** The first segments proxy.ts's matcher excludes (its negative lookahead's alternatives). */
function proxyExclusions(): string[] {
  const source = fs.readFileSync(path.join(root, "proxy.ts"), "utf8");
  const lookahead = /"\/\(\(\?!(.*)\)\.\*\)"/.exec(source)?.[1];
  expect(lookahead, "proxy.ts's matcher").toBeTruthy();
  return lookahead!
    .split("|")
    .filter((alt) => !alt.startsWith(".+"))
    .map((alt) => alt.replace(/\\\\/g, "").replace(/\$$/, "").split("/")[0]);
}

describe("reserved first path segments", () => {
  it("include every route folder of app/", () => {
    const segments = appSegments();
    expect(segments).toContain("api");
    expect(segments.filter((s) => !takenOrNoSlug(s))).toEqual([]);
    for (const folder of segments.filter((s) => fs.statSync(path.join(root, "app", s), { throwIfNoEntry: false })?.isDirectory())) {
      expect(RESERVED_SECTION_SLUGS.has(folder), `app/${folder}`).toBe(true);
    }
  });

  it("include every internal rewrite target of the proxy", () => {
    const internal = [...Object.values(INTERNAL_ROUTES), UNAVAILABLE_ROUTE].map((route) => route.split("/")[1]);
    expect(internal.filter((s) => !RESERVED_SECTION_SLUGS.has(s))).toEqual([]);
  });

  it("include every path the proxy leaves to a handler of its own", () => {
    const excluded = proxyExclusions();
    expect(excluded).toEqual(expect.arrayContaining(["_next", "api", "search", "feed.xml"]));
    expect(excluded.filter((s) => !takenOrNoSlug(s))).toEqual([]);
  });

  it("include the third release's pages (CONTENT.md): support and newsletters", () => {
    for (const segment of ["support", "newsletters"]) expect(RESERVED_SECTION_SLUGS.has(segment), segment).toBe(true);
  });
});
