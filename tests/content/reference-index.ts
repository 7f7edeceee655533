/**
 * The tests' reference of the markdown store's queries: an in-memory index over a folder read whole
 * (reference-loader.ts), every query a map lookup or a slice of a pre-sorted list, with its own
 * simple search engine. The site never runs it: lib/sources/markdown/content-index.test.ts checks
 * the on-disk index (index-reader.ts) answers as this does.
 *
 * Lists keep two arrays, newest first: `all` (drafts included, for preview) and `published`
 * (status published, scheduled included). Scheduled articles sit at the front of `published`
 * (their date is in the future), so the visible part is a suffix found by binary search on "now".
 */
import type { Article, ArticleSummary, Author, CorrectionEntry, LiveUpdate, Page, Section, SearchHit, StandingPage, Tag } from "../../lib/sources/types";
import { isVisible, newestFirst, rankRelated, sectionAncestry } from "../../lib/sources/rules";
import { tokenize } from "../../lib/sources/search-terms";
import { paginate, toSummary } from "../../lib/sources/paging";

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
  pages?: Map<string, StandingPage>;
  /** Article slug → its live-blog updates, newest first. */
  liveUpdates?: Map<string, LiveUpdate[]>;
}

function makeList(articles: Iterable<Article>): List {
  const all = [...articles].sort(newestFirst);
  return { all, published: all.filter((a) => a.status === "published") };
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

/** Weighted terms of an article: a word in the title counts more than one in the body. */
function searchTerms(article: Pick<Article, "title" | "description" | "tags">, bodyText: string): Map<string, number> {
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
  readonly pages: Map<string, StandingPage>;
  readonly liveUpdates: Map<string, LiveUpdate[]>;
  /** Every correction, newest first (articles of every status: visibility is applied per read). */
  private readonly corrections: { article: Article; index: number }[];
  /** term → (slug → weight) */
  private readonly terms = new Map<string, Map<string, number>>();
  private readonly vocabulary: string[];

  constructor(input: IndexInput) {
    this.sections = input.sections;
    this.authors = input.authors;
    this.tags = input.tags;
    this.articles = input.articles;
    this.pages = input.pages ?? new Map();
    this.liveUpdates = input.liveUpdates ?? new Map();
    this.corrections = [...input.articles.values()]
      .flatMap((article) => article.corrections.map((_, index) => ({ article, index })))
      .sort((a, b) => Date.parse(b.article.corrections[b.index].date) - Date.parse(a.article.corrections[a.index].date) || a.article.slug.localeCompare(b.article.slug));
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
      for (const path of sectionAncestry(a.section.path, (p) => this.sectionsByPath.get(p)?.parentPath)) push(sectionMembers, path, a);
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

  /** Candidates for the related-articles rule (lib/sources/rules.ts#rankRelated), from the indexes. */
  related(article: Article, limit: number, now = new Date()): ArticleSummary[] {
    const picks = article.relatedSlugs.map((s) => this.articles.get(s)).filter((a): a is Article => Boolean(a));
    const sharingTags = [...new Set(article.tags.flatMap((t) => this.byTag.get(t.slug)?.published ?? []))];
    const bySection = sectionAncestry(article.section.path, (p) => this.sectionsByPath.get(p)?.parentPath).map((p) =>
      this.visibleNewest(this.bySection.get(p), limit + 1, now.getTime()),
    );
    const newest = this.visibleNewest(this.everything, limit + 1, now.getTime());
    return rankRelated(article, { picks, sharingTags, bySection, newest }, limit, now).map(toSummary);
  }

  /** Corrections of visible articles, newest first. */
  correctionsPage(page: number, perPage: number, now = new Date()): Page<CorrectionEntry> {
    const visible = this.corrections.filter(({ article }) => isVisible(article, now));
    const from = (page - 1) * perPage;
    const items = visible.slice(from, from + perPage).map(({ article, index }) => ({ article: toSummary(article), correction: article.corrections[index] }));
    return paginate(items, page, perPage, visible.length);
  }

  /** The first scheduled article after `now` (published, date in the future), soonest first. */
  nextScheduled(now: Date): { slug: string; publishedAt: string } | null {
    const start = firstVisible(this.everything.published, now.getTime());
    const next = start > 0 ? this.everything.published[start - 1] : undefined;
    return next ? { slug: next.slug, publishedAt: next.publishedAt } : null;
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
