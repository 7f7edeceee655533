import { describe, expect, it } from "vitest";
import { renderMarkdown, sanitizeHtml } from "./pipeline";
import { typographicText } from "./typography";

describe("typography (curly quotes, dashes, ellipses)", () => {
  it("curls quotes and apostrophes, makes dashes and ellipses in a body", () => {
    const { html } = renderMarkdown(`He said "it's over" -- then left... The 'old' pier.`, { language: "en" });
    expect(html).toContain("He said “it’s over” – then left… The ‘old’ pier.");
  });

  it("reads a quote's side across inline markup", () => {
    const { html } = renderMarkdown(`"*Never*," she said, "[again](https://example.com)."`, { language: "en" });
    expect(html).toBe(`<p>“<em>Never</em>,” she said, “<a href="https://example.com" rel="noopener noreferrer">again</a>.”</p>`);
  });

  it("leaves code, URLs and attributes alone", () => {
    const { html } = renderMarkdown("Run `echo \"hi\" -- x` or see [the 'page'](https://example.com/a--b \"it's\").\n\n```\nsay \"no\"\n```", { language: "en" });
    expect(html).toContain('<code>echo "hi" -- x</code>');
    expect(html).toContain('href="https://example.com/a--b"');
    expect(html).toContain(`title="it&#x27;s"`);
    expect(html).toContain("the ‘page’");
    expect(html).toContain('say "no"');
  });

  it("keeps heading ids as they were and curls the heading text", () => {
    const { html, headings } = renderMarkdown(`## The council's "plan"`, { language: "en" });
    expect(headings).toEqual([{ id: "the-councils-plan", text: "The council’s “plan”", depth: 2 }]);
    expect(html).toContain('id="the-councils-plan"');
  });

  it("uses each language's quotation marks; Hebrew keeps its gershayim", () => {
    expect(typographicText(`Il a dit "non"`, "fr")).toBe("Il a dit «\u00a0non\u00a0»");
    expect(typographicText(`Er sagte "nein"`, "de")).toBe("Er sagte „nein“");
    expect(typographicText(`قال "لا"`, "ar")).toBe("قال «لا»");
    expect(typographicText(`צה"ל -- היום`, "he")).toBe(`צה"ל – היום`);
    expect(typographicText("Kessovar's coastal provinces", "en")).toBe("Kessovar’s coastal provinces");
  });

  it("WordPress HTML goes through the same step", () => {
    expect(sanitizeHtml(`<p>"Yes," he said -- twice.</p>`, { language: "en" }).html).toBe("<p>“Yes,” he said – twice.</p>");
  });
});
