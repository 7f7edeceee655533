// The accessibility check every suite runs on its pages: axe-core's WCAG 2.1 A/AA rules, in a fresh
// context with the reader's colour scheme (the theme script must have applied it first).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser } from "@playwright/test";

/** `cookies` are set for the page's origin first; `visible` names a test id that must show before the check. */
export async function expectNoAxeViolations(browser: Browser, url: string, scheme: "light" | "dark", options: { cookies?: { name: string; value: string }[]; visible?: string } = {}): Promise<void> {
  const context = await browser.newContext({ colorScheme: scheme });
  try {
    const page = await context.newPage();
    if (options.cookies?.length) await context.addCookies(options.cookies.map((c) => ({ ...c, url: new URL(url, test.info().project.use.baseURL).origin })));
    await page.goto(url);
    if (options.visible) await expect(page.getByTestId(options.visible)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  } finally {
    await context.close();
  }
}
