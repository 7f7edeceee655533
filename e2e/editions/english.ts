/**
 * What "no English left in the interface" means for the Arabic and French builds: the literal text
 * of every English catalogue message (placeholders cut out), searched for in a page's text nodes
 * and the attributes people and assistive technology read (aria-label, title, alt, placeholder).
 */
import type { Page } from "@playwright/test";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { en } from "../../lib/i18n/messages/en";
import { CATALOGUES } from "../../lib/i18n/catalogues";

function literals(elements: MessageFormatElement[], out: string[] = [], current = { text: "" }): string[] {
  const flush = () => {
    if (current.text.trim()) out.push(current.text.trim());
    current.text = "";
  };
  for (const el of elements) {
    if (el.type === TYPE.literal) current.text += el.value;
    else {
      flush();
      if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) literals(o.value, out, { text: "" });
    }
  }
  flush();
  return out;
}

/** English fragments of three or more letters that the other language's catalogue does not also use. */
export function englishFragments(language: string): string[] {
  const target = Object.values(CATALOGUES[language]).join("\n");
  const fragments = new Set<string>();
  for (const message of Object.values(en)) {
    for (const piece of literals(parse(message))) {
      const cleaned = piece.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
      if ((cleaned.match(/[A-Za-z]/g) ?? []).length >= 3 && !target.includes(cleaned)) fragments.add(cleaned);
    }
  }
  return [...fragments];
}

/** Every text node (hidden ones too: closed menus, screen-reader text) and readable attribute of the page. */
export async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement?.closest("script, style, template, noscript") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent?.trim()) out.push(n.textContent.trim());
    for (const el of document.querySelectorAll("[aria-label], [title], img[alt], [placeholder]")) {
      for (const name of ["aria-label", "title", "alt", "placeholder"]) {
        const v = el.getAttribute(name);
        if (v?.trim()) out.push(v.trim());
      }
    }
    return out;
  });
}

/** The English fragments found in the texts, with the text they were found in. */
export function englishIn(texts: string[], fragments: string[]): string[] {
  const found: string[] = [];
  for (const f of fragments) {
    const re = new RegExp(`(?<![A-Za-z])${f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![A-Za-z])`);
    const hit = texts.find((t) => re.test(t));
    if (hit) found.push(`"${f}" in "${hit.slice(0, 80)}"`);
  }
  return found;
}
