// The accessibility check every suite runs on its pages: axe-core's WCAG 2.1 A/AA rules, in a fresh
// context with the reader's colour scheme (the theme script must have applied it first).
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser } from "@playwright/test";

export async function expectNoAxeViolations(browser: Browser, url: string, scheme: "light" | "dark"): Promise<void> {
  const context = await browser.newContext({ colorScheme: scheme });
  try {
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  } finally {
    await context.close();
  }
}
