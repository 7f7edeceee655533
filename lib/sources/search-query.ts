/**
 * What a reader types into search, understood once for the query and for highlighting the results:
 * words (every one must match; a word of three letters or more also matches as the start of a longer
 * one, for live search: `harb` finds "harbour") and "quoted phrases" (the words in that order,
 * exactly). Case and accents do not matter (`cafe` finds "café").
 */
import { tokenize } from "./search-terms";

export interface SearchTerm {
  /** Folded words (lower case, no accents); more than one for a phrase. */
  words: string[];
  /** Matches the start of a longer word. */
  prefix: boolean;
}

const MAX_TERMS = 12;
const MIN_PREFIX = 3;

/** Lower case without accents, the same folding as the index (unicode61, remove_diacritics). */
export function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
}

/** Words of a phrase keep their stopwords ("the harbour"): the phrase is matched as written. */
function phraseWords(text: string): string[] {
  return indexWords(fold(text)).filter((w) => w.length <= 40);
}

export function parseSearch(q: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  const add = (term: SearchTerm) => {
    const key = `${term.words.join(" ")}${term.prefix ? "*" : ""}`;
    if (term.words.length && !seen.has(key) && terms.length < MAX_TERMS) {
      seen.add(key);
      terms.push(term);
    }
  };
  const rest = q.replace(/"([^"]*)"?/g, (_, phrase: string) => {
    const words = phraseWords(phrase);
    if (words.length === 1) add({ words, prefix: false });
    else if (words.length > 1) add({ words, prefix: false });
    return " ";
  });
  for (const word of tokenize(rest)) add({ words: [word], prefix: word.length >= MIN_PREFIX });
  return terms;
}

/**
 * The FTS5 query: every term, quoted (so nothing a reader types is FTS syntax). `expand` may name
 * the indexed words a prefix term stands for: they are asked as alternatives ("harb" → `("harbour"
 * OR "harbours")`), which FTS5 walks newest first and stops, where its own prefix query (`"harb"*`)
 * merges every matching word's whole list first (docs/decisions/0083). Without it, or when it
 * returns undefined, the prefix is FTS5's.
 */
export function ftsQuery(terms: SearchTerm[], expand?: (prefix: string) => string[] | undefined): string {
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  return terms
    .map((t) => {
      const words = t.prefix ? expand?.(t.words[0]) : undefined;
      if (words?.length) return words.length === 1 ? quote(words[0]) : `(${words.map(quote).join(" OR ")})`;
      return `${quote(t.words.join(" "))}${t.prefix ? "*" : ""}`;
    })
    .join(" AND ");
}

/**
 * The words FTS5's unicode61 tokenizer makes of a text already folded (`fold`): runs of letters,
 * digits and private-use characters. The index keeps them in a table of its own, where a prefix
 * finds its words by a range read (index-writer.ts, docs/decisions/0083).
 */
export function indexWords(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}\p{Co}]+/u).filter((w) => w.length > 0);
}

/**
 * Terms for highlighting, as strings: a phrase is its words joined by a space. Whether a string
 * matches as a prefix follows from the string itself (`isPrefixTerm`), so the JSON API stays a
 * plain list of strings.
 */
export function highlightTerms(terms: SearchTerm[]): string[] {
  return terms.map((t) => t.words.join(" "));
}

/** A single word of three letters or more matches word starts; phrases and short words match whole words. */
export function isPrefixTerm(term: string): boolean {
  return !term.includes(" ") && term.length >= MIN_PREFIX;
}

/**
 * The parts of `text` to mark for these terms: [start, end) ranges in the original string, found on
 * its folded form so "cafe" marks "Café" and "sea wall" marks "Sea  Wall".
 */
export function highlightRanges(text: string, terms: string[]): [number, number][] {
  const words = terms.map((t) => t.trim()).filter((t) => t.length > 1 || /\s/.test(t));
  if (!words.length || !text) return [];
  // Fold character by character, remembering where each folded character came from.
  let folded = "";
  const origin: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const f = fold(ch);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += ch.length;
  }
  origin.push(text.length);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const alternatives = words
    .sort((a, b) => b.length - a.length)
    .map((t) => {
      const body = fold(t).split(/\s+/).map(escape).join("[^\\p{L}\\p{N}]+");
      // A prefix marks the whole word it starts ("harb" marks "harbour"), as a reader expects.
      return isPrefixTerm(t) ? `${body}[\\p{L}\\p{N}\\p{M}]*` : `${body}(?![\\p{L}\\p{N}])`;
    });
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})`, "gu");
  const ranges: [number, number][] = [];
  for (const m of folded.matchAll(pattern)) {
    if (!m[0]) continue;
    const start = origin[m.index!];
    let end = origin[m.index! + m[0].length];
    // Include combining marks that folded away at the end of the match ("café" → mark all of it).
    while (end < text.length && /\p{M}/u.test(text[end])) end++;
    ranges.push([start, end]);
  }
  return ranges;
}
