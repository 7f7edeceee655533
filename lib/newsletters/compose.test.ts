import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSiteConfig } from "../config/site";
import type { ArticleSummary } from "../sources/types";
import { composeConfirmation, composeDigest, listHeaders, personalise } from "./compose";
import { digestOrder, localClock } from "./service";

const story = (slug: string, extra: Partial<ArticleSummary> = {}) =>
  ({ slug, title: `Title ${slug}`, description: `About ${slug}.`, url: `/news/${slug}`, section: { name: "News" }, publishedAt: "2026-12-06T05:00:00Z", kind: "news", ...extra }) as ArticleSummary;

describe("composition", () => {
  it("an Arabic site's briefing is right-to-left, in Arabic, with absolute links and sized images", () => {
    const site = { ...loadSiteConfig(path.resolve("content-ar")), url: "https://ar.harbour-ledger.example" };
    const list = site.newsletters[0];
    const lead = story("lead", { title: "افتتاح الجسر", image: { src: "/content-images/bridge.jpg", alt: "جسر", width: 1200, height: 800 } });
    const mail = composeDigest(site, list, [lead, story("two")], new Date("2026-12-06T03:00:00Z"), "https://ar.harbour-ledger.example/newsletters/editions/x");
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.html).toContain('<body dir="rtl">');
    expect(mail.html).toContain("text-align:right");
    expect(mail.subject).toBe(`${list.name}: افتتاح الجسر`);
    expect(mail.html).toContain("اقرأ الخبر");
    expect(mail.html).toMatch(/<img src="https:\/\/ar\.harbour-ledger\.example\/_next\/image\?url=%2Fcontent-images%2Fbridge\.jpg&amp;w=640&amp;q=75" width="560" height="373" alt="جسر"/);
    expect(mail.html).not.toMatch(/(href|src)="\//);
    expect(mail.html).toContain("prefers-color-scheme: dark");
    expect(mail.html).not.toContain("letter-spacing"); // spaced-out Arabic loses its joins
    expect(mail.webHtml).not.toContain("{{");
    expect(mail.text).toContain("https://ar.harbour-ledger.example/news/lead");
  });

  it("leaves an SVG picture out of the mail (mail clients show none; the optimiser refuses it), keeps the story", () => {
    const site = { ...loadSiteConfig(path.resolve("content")), url: "https://harbour-ledger.example" };
    const lead = story("lead", { image: { src: "/content-images/harbour-bridge.svg", alt: "The bridge", width: 1200, height: 800 } });
    const mail = composeDigest(site, site.newsletters[0], [lead], new Date(), "https://harbour-ledger.example/newsletters/editions/x");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).not.toContain(".svg");
    expect(mail.html).toContain(">Title lead</a></h2>");
  });

  it("fills each reader's links, escaped, and carries RFC 8058 and List-Id headers", () => {
    const site = { ...loadSiteConfig(path.resolve("content")), url: "https://harbour-ledger.example" };
    const mail = composeDigest(site, site.newsletters[0], [story("a")], new Date(), "https://harbour-ledger.example/newsletters/editions/x");
    const html = personalise(mail.html, { preferences: "https://h.example/p?token=a&b", unsubscribe: "https://h.example/u?token=a&list=b" }, true);
    expect(html).toContain('href="https://h.example/u?token=a&amp;list=b"');
    expect(listHeaders(site, site.newsletters[0], "https://h.example/u")).toEqual({
      "List-Unsubscribe": "<https://h.example/u>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Id": "Morning briefing <morning-briefing.harbour-ledger.example>",
    });
    const confirmation = composeConfirmation(site, site.newsletters, "https://harbour-ledger.example/api/newsletters/confirm?token=t");
    expect(confirmation.text).toContain("Morning briefing and Breaking news");
  });

  it("orders a digest as the home page does, an editor's pinned lead first", () => {
    const a = story("a", { kind: "sponsored", image: { src: "/x.png", alt: "x", width: 1, height: 1 } });
    const b = story("b");
    const c = story("c", { image: { src: "/y.png", alt: "y", width: 1, height: 1 } });
    expect(digestOrder([a, b, c]).map((s) => s.slug)).toEqual(["c", "a", "b"]);
    expect(digestOrder([a, b, { ...c, briefingLead: false }, story("d", { briefingLead: true })]).map((s) => s.slug)[0]).toBe("d");
  });

  it("reads the schedule in the site's time zone", () => {
    expect(localClock(new Date("2026-12-06T03:05:00Z"), "Asia/Dubai")).toEqual({ date: "2026-12-06", time: "07:05" });
    expect(localClock(new Date("2026-12-05T23:30:00Z"), "Asia/Dubai")).toEqual({ date: "2026-12-06", time: "03:30" });
  });
});
