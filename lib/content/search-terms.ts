import type { Article } from "./types";

const STOPWORDS = new Set(
  "a an and are as at be but by for from has have he her his in is it its of on or she that the their they this to was were will with".split(" "),
);

/** Lower-case words without accents; stopwords and one-letter words dropped. */
export function tokenize(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && w.length <= 40 && !STOPWORDS.has(w));
}

/** Weighted terms of an article: a word in the title counts more than one in the body. */
export function searchTerms(article: Pick<Article, "title" | "description" | "tags">, bodyText: string): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const t of tokenize(text)) weights.set(t, (weights.get(t) ?? 0) + weight);
  };
  add(article.title, 10);
  add(article.description, 4);
  add(article.tags.map((t) => t.name).join(" "), 4);
  add(bodyText, 1);
  return weights;
}
