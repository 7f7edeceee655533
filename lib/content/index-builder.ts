/**
 * In-memory indexes over a loaded set of articles, so that every query is a map lookup or a slice
 * of a pre-sorted list — never a scan of every article per request.
 *
 * Lists keep two arrays, newest first: `all` (drafts included, for preview) and `published`
 * (status published, scheduled included). Scheduled articles sit at the front of `published`
 * (their date is in the future), so the visible part is a suffix found by binary search on "now".
 */
import type { Article, ArticleSummary, Author, Page, Section, SearchHit, Tag } from "./types";
import { isVisible } from "./visibility";
import { searchTerms, tokenize } from "./search-terms";

interface List {
  all: Article[];
  published: Article[];
}

export interface IndexInput {
  sections: Section[];
  authors: Map<string, Author>;
  tags: Map<string, Tag>;
  articles: Map<string, Article>;
  /** Plain text of each body (slug → text), for search. */
  bodyText: Map<string, string>;
}

export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 50;

const newestFirst = (a: Article, b: Article) =>
  Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || a.slug.localeCompare(b.slug);

function makeList(articles: Iterable<Article>): List {
  const all = [...articles].sort(newestFirst);
  return { all, published: all.filter((a) => a.status === "published") };
}

export function toSummary(a: Article): ArticleSummary {
  return {
    slug: a.slug,
    title: a.title,
    description: a.description,
    section: a.section,
    authors: a.authors,
    tags: a.tags,
    publishedAt: a.publishedAt,
    updatedAt: a.updatedAt,
    status: a.status,
    image: a.image,
    readingMinutes: a.readingMinutes,
    url: a.url,
    translations: a.translations,
  };
}

/** Index of the first article in `published` (newest first) whose publication time has come. */
function firstVisible(published: Article[], now: number): number {
  let lo = 0;
  let hi = published.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Date.parse(published[mid].publishedAt) <= now) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function paginate<T>(items: T[], page: number, perPage: number, total = items.length): Page<T> {
  return { items, page, perPage, total, totalPages: Math.max(1, Math.ceil(total / perPage)) };
}

export function normalisePaging(page?: number, perPage?: number): { page: number; perPage: number } {
  const p = Number.isSafeInteger(page) && page! >= 1 ? page! : 1;
  const pp = Number.isSafeInteger(perPage) && perPage! >= 1 ? Math.min(perPage!, MAX_PER_PAGE) : DEFAULT_PER_PAGE;
  return { page: p, perPage: pp };
}

export class ContentIndex {
  readonly sections: Section[];
  readonly sectionsByPath: Map<string, Section>;
  readonly authors: Map<string, Author>;
  readonly tags: Map<string, Tag>;
  readonly articles: Map<string, Article>;
  readonly byOldSlug = new Map<string, Article>();
  readonly everything: List;
  readonly bySection = new Map<string, List>();
  readonly byAuthor = new Map<string, List>();
  readonly byTag = new Map<string, List>();
  /** term → (slug → weight) */
  private readonly terms = new Map<string, Map<string, number>>();
  private readonly vocabulary: string[];

  constructor(input: IndexInput) {
    this.sections = input.sections;
    this.authors = input.authors;
    this.tags = input.tags;
    this.articles = input.articles;
    this.sectionsByPath = new Map();
    const walk = (s: Section) => {
      this.sectionsByPath.set(s.path, s);
      s.children.forEach(walk);
    };
    this.sections.forEach(walk);

    const sectionMembers = new Map<string, Article[]>();
    const authorMembers = new Map<string, Article[]>();
    const tagMembers = new Map<string, Article[]>();
    const push = (map: Map<string, Article[]>, key: string, a: Article) => {
      const list = map.get(key);
      if (list) list.push(a);
      else map.set(key, [a]);
    };
    for (const a of this.articles.values()) {
      for (const old of a.redirectFrom) this.byOldSlug.set(old, a);
      // An article belongs to its section and every ancestor section.
      let path: string | undefined = a.section.path;
      while (path) {
        push(sectionMembers, path, a);
        path = this.sectionsByPath.get(path)?.parentPath;
      }
      a.authors.forEach((au) => push(authorMembers, au.slug, a));
      a.tags.forEach((t) => push(tagMembers, t.slug, a));
      for (const [term, weight] of searchTerms(a, input.bodyText.get(a.slug) ?? "")) {
        let postings = this.terms.get(term);
        if (!postings) this.terms.set(term, (postings = new Map()));
        postings.set(a.slug, (postings.get(a.slug) ?? 0) + weight);
      }
    }
    this.everything = makeList(this.articles.values());
    for (const [k, v] of sectionMembers) this.bySection.set(k, makeList(v));
    for (const [k, v] of authorMembers) this.byAuthor.set(k, makeList(v));
    for (const [k, v] of tagMembers) this.byTag.set(k, makeList(v));
    this.vocabulary = [...this.terms.keys()].sort();
  }

  /** Newest first; readers see only visible articles, preview sees drafts and scheduled too. */
  listPage(list: List | undefined, page: number, perPage: number, preview: boolean, now = Date.now()): Page<ArticleSummary> {
    if (!list) return paginate([], page, perPage, 0);
    const source = preview ? list.all : list.published;
    const start = preview ? 0 : firstVisible(list.published, now);
    const total = source.length - start;
    const from = start + (page - 1) * perPage;
    return paginate(source.slice(from, Math.min(from + perPage, source.length)).map(toSummary), page, perPage, total);
  }

  visibleNewest(list: List | undefined, limit: number, now = Date.now()): Article[] {
    if (!list) return [];
    const start = firstVisible(list.published, now);
    return list.published.slice(start, start + limit);
  }

  related(article: Article, limit: number, now = new Date()): ArticleSummary[] {
    const chosen = new Map<string, Article>();
    const take = (a: Article | undefined) => {
      if (chosen.size < limit && a && a.slug !== article.slug && !chosen.has(a.slug) && isVisible(a, now)) chosen.set(a.slug, a);
    };
    article.relatedSlugs.forEach((s) => take(this.articles.get(s)));
    if (chosen.size < limit) {
      // Shared tags: more tags in common first, then newest.
      const shared = new Map<Article, number>();
      for (const t of article.tags) {
        for (const a of this.byTag.get(t.slug)?.published ?? []) shared.set(a, (shared.get(a) ?? 0) + 1);
      }
      [...shared.entries()]
        .sort((x, y) => y[1] - x[1] || newestFirst(x[0], y[0]))
        .forEach(([a]) => take(a));
    }
    // Same section, then each ancestor section, newest first.
    let path: string | undefined = article.section.path;
    while (chosen.size < limit && path) {
      this.visibleNewest(this.bySection.get(path), limit + 1, now.getTime()).forEach(take);
      path = this.sectionsByPath.get(path)?.parentPath;
    }
    if (chosen.size < limit) this.visibleNewest(this.everything, limit + 1, now.getTime()).forEach(take);
    return [...chosen.values()].map(toSummary);
  }

  /** Every query token must match (a token of 3+ characters also matches as a prefix); ranked by weight, then newest. */
  search(q: string, page: number, perPage: number, now = new Date()): Page<SearchHit> {
    const tokens = [...new Set(tokenize(q))].slice(0, 12);
    if (!tokens.length) return paginate([], page, perPage, 0);
    let scores: Map<string, number> | undefined;
    for (const token of tokens) {
      const matches = new Map<string, number>();
      for (const term of this.termsFor(token)) {
        const exact = term === token ? 1 : 0.5;
        for (const [slug, weight] of this.terms.get(term)!) {
          matches.set(slug, Math.max(matches.get(slug) ?? 0, weight * exact));
        }
      }
      if (!scores) scores = matches;
      else {
        const next = new Map<string, number>();
        for (const [slug, s] of scores) if (matches.has(slug)) next.set(slug, s + matches.get(slug)!);
        scores = next;
      }
      if (!scores.size) break;
    }
    const hits = [...(scores ?? new Map<string, number>()).entries()]
      .map(([slug, score]) => ({ article: this.articles.get(slug)!, score }))
      .filter(({ article }) => isVisible(article, now))
      .sort((a, b) => b.score - a.score || newestFirst(a.article, b.article));
    const from = (page - 1) * perPage;
    const items = hits.slice(from, from + perPage).map(({ article, score }) => ({ ...toSummary(article), score }));
    return paginate(items, page, perPage, hits.length);
  }

  private termsFor(token: string): string[] {
    if (token.length < 3) return this.terms.has(token) ? [token] : [];
    const out: string[] = [];
    let lo = 0;
    let hi = this.vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vocabulary[mid] < token) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.vocabulary.length && this.vocabulary[i].startsWith(token) && out.length < 50; i++) {
      out.push(this.vocabulary[i]);
    }
    return out;
  }
}

export function buildIndex(input: IndexInput): ContentIndex {
  return new ContentIndex(input);
}
