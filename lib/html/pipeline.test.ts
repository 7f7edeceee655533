import { describe, expect, it } from "vitest";
import { deriveDescription, readingMinutes, renderMarkdown, sanitizeHtml } from "./pipeline";
import { splitAfterParagraph } from "./split";

describe("the one sanitising pipeline", () => {
  it("removes scripts, event handlers, javascript: links, iframes and styles", () => {
    const { html } = renderMarkdown(
      'Hi <script>alert(1)</script> <img src=x onerror="alert(1)"> [x](javascript:alert(1))\n\n<iframe src="https://evil.example"></iframe>\n\n<p style="position:fixed" onclick="x()">styled</p>',
    );
    expect(html).not.toMatch(/<script|onerror|javascript:|<iframe|style=|onclick/i);
    expect(html).toContain("styled");
  });

  it("gives h2/h3 stable ids, a self-link and an outline", () => {
    const { html, headings } = renderMarkdown("# Top\n\n## The vote\n\ntext\n\n### What *next*\n");
    expect(headings).toEqual([
      { id: "top", text: "Top", depth: 2 },
      { id: "the-vote", text: "The vote", depth: 2 },
      { id: "what-next", text: "What next", depth: 3 },
    ]);
    expect(html).toContain('<h2 id="the-vote">The vote<a href="#the-vote" class="heading-anchor"');
    expect(html).not.toContain("<h1");
  });

  it("keeps GFM tables, lists and safe links, and marks external links noopener", () => {
    const { html } = renderMarkdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\n[site](https://example.org)");
    expect(html).toContain("<table>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer">site</a>');
  });

  it("sanitises HTML from other sources the same way", () => {
    const { html, headings } = sanitizeHtml('<h2>Hello &amp; welcome</h2><p onmouseover="x()">Body</p><script>bad()</script>');
    expect(html).not.toMatch(/onmouseover|<script|bad\(\)/);
    expect(headings[0]).toEqual({ id: "hello--welcome", text: "Hello & welcome", depth: 2 });
  });

  it("computes reading time and derived descriptions", () => {
    expect(readingMinutes("word ".repeat(460))).toBe(2);
    expect(readingMinutes("short")).toBe(1);
    const long = "The council met on Tuesday to discuss the harbour budget. ".repeat(5);
    const d = deriveDescription(long);
    expect(d.length).toBeLessThanOrEqual(161);
    expect(d.endsWith("…")).toBe(true);
    expect(deriveDescription("Short lead.")).toBe("Short lead.");
  });

  it("splits a body after a top-level paragraph, not inside a blockquote", () => {
    const { html } = renderMarkdown("One.\n\n> Quoted\n>\n> still quoted\n\nTwo.\n\nThree.");
    const [before, after] = splitAfterParagraph(html, 2)!;
    expect(before).toContain("<blockquote>");
    expect(before).toContain("Two.");
    expect(after).toContain("Three.");
    expect(splitAfterParagraph(html, 9)).toBeNull();
  });

  it("keeps the direction and language of passages, and bidi isolation, for right-to-left content", () => {
    const { html } = renderMarkdown('الرقم <bdi dir="ltr">+971 4 555 0199</bdi> و<span lang="en" dir="ltr">Harbour Ledger</span> <p dir="sideways" lang="fr">x</p>');
    expect(html).toContain('<bdi dir="ltr">+971 4 555 0199</bdi>');
    expect(html).toContain('<span lang="en" dir="ltr">Harbour Ledger</span>');
    expect(html).not.toContain("sideways");
  });

  it("names a subheading's self-link in the site's language when told to", () => {
    const { html } = renderMarkdown("## الأرقام\n\ntext", { headingLinkLabel: (h) => `رابط إلى القسم: ${h}` });
    expect(html).toContain('aria-label="رابط إلى القسم: الأرقام"');
    expect(renderMarkdown("## Numbers\n").html).toContain('aria-label="Link to section: Numbers"');
  });
});
