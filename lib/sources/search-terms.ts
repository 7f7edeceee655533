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
