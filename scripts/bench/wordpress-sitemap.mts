// `node --import tsx scripts/bench/wordpress-sitemap.mts` (with WORDPRESS_URL, e.g. from
// scripts/wordpress/.env.wordpress after `scripts/wordpress/setup.sh --archive 3000`):
// what the sitemap costs against a real WordPress, without any cache in between — the bounded
// reads of the month index (lib/seo/load.ts: archiveMonths, one month per child) side by side with
// the old way (every post, 50 a time), so the ratio shows what a request no longer reads.
import { WordPressSource } from "../../lib/sources/wordpress/source";
import { collectArticles } from "../../lib/seo/load";
import { monthRange } from "../../lib/seo/archive-sitemap";

const url = process.env.WORDPRESS_URL;
if (!url) throw new Error("set WORDPRESS_URL (see scripts/wordpress/.env.wordpress)");
const source = new WordPressSource({ url, cache: (load) => load, warn: () => {} });

const time = async <T,>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const value = await fn();
  return [value, Math.round(performance.now() - t)];
};

const [total] = await time(async () => (await source.listArticles({ perPage: 1 })).total);
const [months, monthsMs] = await time(() => source.archiveMonths());
const childMs: number[] = [];
let largest = 0;
for (const m of months.slice(0, 12).concat(months.slice(-3))) {
  const [items, ms] = await time(() => collectArticles(monthRange(m.month), {}, source));
  childMs.push(ms);
  largest = Math.max(largest, items.length);
}
const [all, allMs] = await time(() => collectArticles({}, {}, source));
childMs.sort((a, b) => a - b);
console.log(`WordPress ${url}: ${total} visible posts, ${months.length} months`);
console.log(`| read | ms |\n|---|---|`);
console.log(`| archiveMonths() (sitemap index) | ${monthsMs} |`);
console.log(`| one month child: p50 / slowest of ${childMs.length} (largest ${largest} posts) | ${childMs[Math.floor(childMs.length / 2)]} / ${childMs.at(-1)} |`);
console.log(`| every post, 50 a time (the sitemap before: ${all.length} posts) | ${allMs} |`);
