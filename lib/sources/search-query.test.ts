import { describe, expect, it } from "vitest";
import { ftsQuery, highlightRanges, highlightTerms, indexWords, parseSearch } from "./search-query";

const marked = (text: string, q: string) => highlightRanges(text, highlightTerms(parseSearch(q))).map(([s, e]) => text.slice(s, e));

describe("search terms", () => {
  it("reads words as prefixes, quoted phrases whole, and nothing as FTS syntax", () => {
    expect(ftsQuery(parseSearch('harb "Sea  Wall" the OR x*'))).toBe('"sea wall" AND "harb"*'); // "the", "or" are stopwords, "x" too short
    // A prefix the index has expanded is asked as its words; one it has not stays FTS5's prefix.
    const words: Record<string, string[]> = { harb: ["harbour", "harbours"], ferr: ["ferry"] };
    expect(ftsQuery(parseSearch("harb ferr sto"), (p) => words[p])).toBe('("harbour" OR "harbours") AND "ferry" AND "sto"*');
    expect(ftsQuery(parseSearch('"'))).toBe("");
  });

  it("splits folded text into the words the index holds, as unicode61 does", () => {
    expect(indexWords("the harbour's café-bar, 2026: المرفأ")).toEqual(["the", "harbour", "s", "café", "bar", "2026", "المرفأ"]);
    expect(indexWords("  ")).toEqual([]);
  });

  it("highlights what matched: word starts, phrases in order, any case and accent", () => {
    expect(marked("Harbour café reopens by the harbourside", "harb cafe")).toEqual(["Harbour", "café", "harbourside"]);
    expect(marked("The sea wall and a wall by the sea", '"sea wall"')).toEqual(["sea wall"]);
    expect(marked("Seawall, sea walls and the Sea Wall", '"sea wall"')).toEqual(["Sea Wall"]);
    expect(marked("Café de la Gare", "CAFE")).toEqual(["Café"]);
    expect(marked("Cafe\u0301 decomposed", "café")).toEqual(["Cafe\u0301"]);
    expect(marked("UK and Ukraine", "uk")).toEqual(["UK"]);
    expect(marked("Nothing here", "")).toEqual([]);
  });
});
