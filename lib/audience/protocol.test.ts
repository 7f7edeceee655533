import { describe, expect, it } from "vitest";
import { bucketOf, parseBeacon, quantile, scopesOf } from "./protocol.mjs";

describe("the beacon's format", () => {
  it("reads a read and a page's figures", () => {
    expect(parseBeacon("k=read&s=harbour-bridge-reopens")).toEqual({ kind: "read", slug: "harbour-bridge-reopens" });
    expect(parseBeacon("k=vitals&t=article&LCP=1234&CLS=0.012&INP=56&TTFB=80")).toEqual({ kind: "vitals", pageType: "article", values: { LCP: 1234, CLS: 0.012, INP: 56, TTFB: 80 } });
  });

  it("refuses anything else, saying why", () => {
    for (const body of ["", "garbage", "k=read", "k=read&s=", "k=read&s=Upper", "k=read&s=a/b", "k=read&s=ok&uid=1", "k=vitals&t=article", "k=vitals&t=admin&LCP=1", "k=vitals&t=article&FID=3", "k=vitals&t=article&LCP=-1", "k=vitals&t=article&LCP=1e9", "k=vitals&t=article&LCP=NaN", "k=vitals&t=article&CLS=101", "k=ping"]) {
      expect(parseBeacon(body).error, body).toBeTypeOf("string");
    }
  });

  it("counts a read for the site and each section up from the article's", () => {
    expect(scopesOf("news/world-news")).toEqual(["site", "section:news", "section:news/world-news"]);
  });

  it("finds the 75th percentile of a histogram, interpolated in its bucket", () => {
    // LCP buckets start 250, 500, 750, 1000 …: 4 views ≤ 250, 4 in (250, 500].
    const counts = new Array(15).fill(0);
    counts[bucketOf("LCP", 100)] += 4;
    counts[bucketOf("LCP", 400)] += 4;
    expect(bucketOf("LCP", 250)).toBe(0);
    expect(bucketOf("LCP", 251)).toBe(1);
    expect(quantile("LCP", counts, 0.75)).toBe(375);
    expect(quantile("LCP", new Array(15).fill(0), 0.75)).toBeNull();
  });
});
