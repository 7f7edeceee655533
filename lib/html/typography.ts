/**
 * Curly quotes, apostrophes, dashes and ellipses (docs/decisions/0155): retext-smartypants, the
 * unified collective's SmartyPants, applied to text nodes only — never inside code, never to
 * attributes or URLs — as a step of the one pipeline (lib/html/pipeline.ts) and to headlines and
 * standfirsts (typographicText). Quotation marks follow the language: “ ” ‘ ’ in English, „ “ ‚ ‘ in
 * German, « » in French and Spanish (French with its no-break spaces inside), « » in Arabic. Hebrew
 * keeps straight double quotes: they are the gershayim of its abbreviations (צה"ל).
 */
import { retext } from "retext";
import retextSmartypants, { type Options } from "retext-smartypants";
import type { Plugin } from "unified";
import type { Root, Element, Text } from "hast";

const NBSP = "\u00a0";

function optionsFor(language: string | undefined): Options {
  const lang = (language ?? "en").toLowerCase().split("-")[0];
  const base: Options = { backticks: false, dashes: "oldschool", ellipses: true };
  switch (lang) {
    case "de":
      return { ...base, openingQuotes: { double: "„", single: "‚" }, closingQuotes: { double: "“", single: "‘" } };
    case "fr":
      return { ...base, openingQuotes: { double: `«${NBSP}`, single: "“" }, closingQuotes: { double: `${NBSP}»`, single: "’" } };
    case "es":
      return { ...base, openingQuotes: { double: "«", single: "“" }, closingQuotes: { double: "»", single: "’" } };
    case "ar":
      return { ...base, openingQuotes: { double: "«", single: "‘" }, closingQuotes: { double: "»", single: "’" } };
    case "he":
    case "yi":
      return { ...base, quotes: false };
    default:
      return base;
  }
}

type Processor = { processSync(text: string): { toString(): string } };
const processors = new Map<string, Processor>();
function processorFor(language: string | undefined): Processor {
  const key = language ?? "en";
  let p = processors.get(key);
  if (!p) processors.set(key, (p = retext().use(retextSmartypants, optionsFor(language)) as unknown as Processor));
  return p;
}

// Only text with something to change is handed to the parser.
const CANDIDATE = /["']|--|\.\.\./;

/** What a neighbouring character stands as in the parse: a letter, a space, or itself. */
function stand(ch: string): string {
  if (!ch || /\s/.test(ch)) return " ";
  if (/[\p{L}\p{N}]/u.test(ch)) return "a";
  // A quote or a dash would combine with this text (a closing or a double one): a letter instead.
  return /["'‘’“”\-.]/.test(ch) ? "a" : ch;
}

/**
 * `before`/`after`: the characters around this text in its block, so a quote at the edge of a text
 * node (next to a link or an <em>) is opened or closed as the sentence reads. They are added for
 * the parse and cut from the result.
 */
function convert(text: string, language: string | undefined, before = "", after = ""): string {
  if (!CANDIDATE.test(text)) return text;
  const head = stand(before);
  const tail = stand(after);
  const out = processorFor(language).processSync(head + text + tail).toString();
  return out.slice(head.length, out.length - tail.length);
}

/** A headline or standfirst (plain text). */
export function typographicText(text: string, language?: string): string {
  return convert(text, language);
}

const SKIP_TAGS = new Set(["code", "pre", "kbd", "samp", "var", "script", "style", "textarea"]);
const BLOCK_TAGS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "td", "th", "dt", "dd", "caption", "summary", "div", "section", "aside", "figure"]);

/** The pipeline step: every text node outside code, read with its neighbours in its block. */
export const smartTypography: Plugin<[{ language?: string }?], Root> = (options = {}) => (tree) => {
  // Runs of text in reading order; a block boundary or a code element ends a run ("" between).
  const run: (Text | null)[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type === "text") run.push(child);
      else if (child.type === "element") {
        if (SKIP_TAGS.has(child.tagName)) {
          run.push(null);
          continue;
        }
        const block = BLOCK_TAGS.has(child.tagName) || child.tagName === "br";
        if (block) run.push(null);
        walk(child);
        if (block) run.push(null);
      }
    }
  };
  walk(tree);
  const original = run.map((t) => t?.value ?? null);
  run.forEach((t, i) => {
    if (!t) return;
    const prev = original[i - 1];
    const next = original[i + 1];
    // A block edge or a code element counts as a space.
    const before = prev ? prev.slice(-1) : "";
    const after = next ? next.slice(0, 1) : "";
    t.value = convert(t.value, options.language, before, after);
  });
};
