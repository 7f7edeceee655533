/**
 * Reads the on-disk content index (index-schema.ts): every query is an indexed SQLite lookup that
 * touches only the rows it returns, so memory does not grow with the archive. Sections, authors and
 * tags (small) are kept in memory and re-read when another connection commits (PRAGMA data_version:
 * the webhook of this process or of another instance sharing the folder).
 */
import type Database from "better-sqlite3";
import type { ArchiveMonth, Article, ArticleSummary, Author, CorrectionEntry, Heading, LiveUpdate, Page, SearchHit, Section, StandingPage, Tag } from "../types";
import { isVisible } from "../rules";
import { toLiveUpdate, type StoredLiveUpdate } from "./extras";
import { isScheduled, rankRelated, readable, sectionAncestry } from "../rules";
import { paginate, toSummary } from "../paging";
import { ftsQuery, parseSearch } from "../search-query";
import { toArticle, type StoredArticle } from "./article-file";
import { openForReading, readMeta } from "./index-schema";

/** Publication times in ms: [from, until). */
export interface TimeRange {
  from: number;
  until: number;
}

/** How many of each tag's newest articles the related ranking looks at. */
const SHARING_WINDOW = 1000;

/**
 * How many of a search's newest matches are ranked (and listed): a query matching more says "more
 * than 5,000 results" and ranks the newest 5,000 by relevance (docs/decisions/0083).
 */
export const SEARCH_WINDOW = 5000;

/** The most words a prefix is expanded to (index-reader.ts prefixWords). */
const PREFIX_WORDS = 64;

/** The whole timeline (the largest dates JavaScript has). */
export const EVER: TimeRange = { from: -8.64e15, until: 8.64e15 };

interface Row {
  model: string;
}

export class IndexReader {
  readonly db: Database.Database;
  private version = -1;
  private sections: Section[] = [];
  private sectionsByPath = new Map<string, Section>();
  private authors = new Map<string, Author>();
  private tags = new Map<string, Tag>();
  private pages = new Map<string, StandingPage>();
  /** Published rows per list (null: every article), for this version of the index. */
  private counts = new Map<string | null, number>();
  private readonly stmt;

  constructor(
    readonly file: string,
    private readonly searchWindow = SEARCH_WINDOW,
  ) {
    this.db = openForReading(file);
    const db = this.db;
    this.stmt = {
      version: db.prepare("PRAGMA data_version").pluck(),
      article: db.prepare("SELECT model, body, headings FROM articles WHERE slug = ?"),
      byOldSlug: db.prepare("SELECT a.model, a.body, a.headings FROM redirects r JOIN articles a ON a.id = r.id WHERE r.old = ? ORDER BY a.file LIMIT 1"),
      schedule: db.prepare("SELECT published, published_at FROM articles WHERE slug = ?"),
      next: db.prepare("SELECT model FROM articles WHERE published = 1 AND published_at > ? ORDER BY published_at ASC, slug DESC LIMIT 1"),
      // Every list is a range of publication times (the whole timeline unless a sitemap asks for a month).
      allVisible: db.prepare(
        "SELECT model FROM articles WHERE published = 1 AND published_at <= ? AND published_at >= ? AND published_at < ? ORDER BY published_at DESC, slug LIMIT ? OFFSET ?",
      ),
      allPreview: db.prepare("SELECT model FROM articles WHERE published_at >= ? AND published_at < ? ORDER BY published_at DESC, slug LIMIT ? OFFSET ?"),
      countVisible: db.prepare("SELECT count(*) FROM articles WHERE published = 1 AND published_at <= ? AND published_at >= ? AND published_at < ?").pluck(),
      countPreview: db.prepare("SELECT count(*) FROM articles WHERE published_at >= ? AND published_at < ?").pluck(),
      listVisible: db.prepare(
        "SELECT a.model FROM lists l JOIN articles a ON a.id = l.id WHERE l.list = ? AND l.published = 1 AND l.published_at <= ? AND l.published_at >= ? AND l.published_at < ? ORDER BY l.published_at DESC, l.slug LIMIT ? OFFSET ?",
      ),
      listPreview: db.prepare(
        "SELECT a.model FROM lists l JOIN articles a ON a.id = l.id WHERE l.list = ? AND l.published_at >= ? AND l.published_at < ? ORDER BY l.published_at DESC, l.slug LIMIT ? OFFSET ?",
      ),
      listCountVisible: db.prepare("SELECT count(*) FROM lists WHERE list = ? AND published = 1 AND published_at <= ? AND published_at >= ? AND published_at < ?").pluck(),
      listCountPreview: db.prepare("SELECT count(*) FROM lists WHERE list = ? AND published_at >= ? AND published_at < ?").pluck(),
      bySlugs: db.prepare("SELECT model FROM articles WHERE slug IN (SELECT value FROM json_each(?))"),
      byIds: db.prepare("SELECT id, model FROM articles WHERE id IN (SELECT value FROM json_each(?))"),
      // Search walks its matches newest first (search rowids are in publication order) and ranks
      // by BM25 the newest SEARCH_WINDOW visible ones: a word in most of a 100,000-article archive
      // would otherwise score every match before the first ten are known (docs/decisions/0083).
      // CROSS JOIN keeps the full-text match as the outer loop: left to itself, the planner walks
      // every visible article and evaluates MATCH once per row (1.5 s instead of 15 ms at 1,000).
      // Matches are joined to their visibility through the narrow covering index, and only the
      // page's rows are read whole.
      search: db.prepare(
        "SELECT a.model, p.score FROM (SELECT w.id, w.score, w.at, w.slug FROM (SELECT v.id, -s.rank AS score, v.published_at AS at, v.slug FROM search s CROSS JOIN articles v INDEXED BY articles_search ON v.skey = s.rowid WHERE s.search MATCH ? AND v.published = 1 AND v.published_at <= ? ORDER BY s.rowid DESC LIMIT ?) w ORDER BY w.score DESC, w.at DESC, w.slug LIMIT ? OFFSET ?) p CROSS JOIN articles a ON a.id = p.id ORDER BY p.score DESC, p.at DESC, p.slug",
      ),
      // The indexed words a prefix stands for (one more than are ever asked for, to know there are more).
      prefixWords: db.prepare("SELECT word FROM search_words WHERE word >= ? AND word < ? ORDER BY word LIMIT ?").pluck(),
      searchCount: db
        .prepare("SELECT count(*) FROM (SELECT 1 FROM search s CROSS JOIN articles v INDEXED BY articles_search ON v.skey = s.rowid WHERE s.search MATCH ? AND v.published = 1 AND v.published_at <= ? LIMIT ?)")
        .pluck(),
      months: db.prepare("SELECT month, count, lastmod FROM months WHERE first_at <= ? ORDER BY month DESC"),
      // Corrections are few: walk them newest first and look each article up, never the archive.
      corrections: db.prepare(
        "SELECT a.model, c.idx FROM corrections c CROSS JOIN articles a ON a.id = c.id WHERE a.published = 1 AND a.published_at <= ? ORDER BY c.date DESC, a.slug LIMIT ? OFFSET ?",
      ),
      correctionsCount: db.prepare("SELECT count(*) FROM corrections c CROSS JOIN articles a ON a.id = c.id WHERE a.published = 1 AND a.published_at <= ?").pluck(),
      // Counting a list: the published rows (cached per version of the index) minus the few scheduled ones.
      publishedCount: db.prepare("SELECT count(*) FROM articles WHERE published = 1").pluck(),
      scheduledCount: db.prepare("SELECT count(*) FROM articles WHERE published = 1 AND published_at > ?").pluck(),
      listPublishedCount: db.prepare("SELECT count(*) FROM lists WHERE list = ? AND published = 1").pluck(),
      listScheduledCount: db.prepare("SELECT count(*) FROM lists WHERE list = ? AND published = 1 AND published_at > ?").pluck(),
      liveUpdates: db.prepare("SELECT model FROM live_updates WHERE slug = ? ORDER BY published_at DESC, id DESC").pluck(),
    };
  }

  close(): void {
    this.db.close();
  }

  meta(): Record<string, string> {
    return readMeta(this.db);
  }

  /** Re-reads the small tables when the index changed since the last call. */
  private fresh(): void {
    const version = this.stmt.version.get() as number;
    if (version === this.version) return;
    this.version = version;
    this.counts = new Map();
    const meta = readMeta(this.db);
    this.sections = JSON.parse(meta.sections ?? "[]") as Section[];
    this.sectionsByPath = new Map();
    const walk = (s: Section) => {
      this.sectionsByPath.set(s.path, s);
      s.children.forEach(walk);
    };
    this.sections.forEach(walk);
    this.authors = new Map(
      (this.db.prepare("SELECT slug, model FROM authors ORDER BY file").all() as { slug: string; model: string }[]).map((r) => [r.slug, JSON.parse(r.model) as Author]),
    );
    this.tags = new Map((this.db.prepare("SELECT slug, name FROM tags ORDER BY slug").all() as Tag[]).map((t) => [t.slug, { slug: t.slug, name: t.name }]));
    this.pages = new Map((this.db.prepare("SELECT slug, model FROM pages ORDER BY slug").all() as { slug: string; model: string }[]).map((p) => [p.slug, JSON.parse(p.model) as StandingPage]));
  }

  getPages(): StandingPage[] {
    this.fresh();
    return [...this.pages.values()];
  }

  getPage(slug: string): StandingPage | null {
    this.fresh();
    return this.pages.get(slug) ?? null;
  }

  /** Corrections of visible articles, newest first. */
  corrections(page: number, perPage: number, now = Date.now()): Page<CorrectionEntry> {
    this.fresh();
    const rows = this.stmt.corrections.all(now, perPage, (page - 1) * perPage) as { model: string; idx: number }[];
    const items = rows.flatMap((r) => {
      const article = toArticle(JSON.parse(r.model) as StoredArticle, "", [], this.resolve);
      return article ? [{ article: toSummary(article), correction: article.corrections[r.idx] }] : [];
    });
    return paginate(items, page, perPage, this.stmt.correctionsCount.get(now) as number);
  }

  /** A live blog's updates, newest first, or null when the slug is not a live blog this reader may see. */
  liveUpdates(slug: string, preview: boolean, now = new Date()): LiveUpdate[] | null {
    const article = this.getArticle(slug, preview, now);
    if (!article?.live) return null;
    const updates = (this.stmt.liveUpdates.all(slug) as string[]).map((m) => toLiveUpdate(JSON.parse(m) as StoredLiveUpdate, article, this.resolve.author));
    return preview ? updates : updates.filter((u) => isVisible(u, now));
  }

  private resolve = {
    section: (p: string) => this.sectionsByPath.get(p),
    author: (s: string) => this.authors.get(s),
    tag: (t: Tag) => this.tags.get(t.slug) ?? t,
  };

  private article(row: { model: string; body: string; headings: string } | undefined): Article | null {
    if (!row) return null;
    return toArticle(JSON.parse(row.model) as StoredArticle, row.body, JSON.parse(row.headings) as Heading[], this.resolve);
  }

  private summary(model: string): ArticleSummary | null {
    const article = toArticle(JSON.parse(model) as StoredArticle, "", [], this.resolve);
    return article && toSummary(article);
  }

  private summaries(rows: Row[]): ArticleSummary[] {
    return rows.map((r) => this.summary(r.model)).filter((a): a is ArticleSummary => a !== null);
  }

  getSections(): Section[] {
    this.fresh();
    return this.sections;
  }

  getSection(path: string): Section | null {
    this.fresh();
    return this.sectionsByPath.get(path) ?? null;
  }

  getAuthor(slug: string): Author | null {
    this.fresh();
    return this.authors.get(slug) ?? null;
  }

  getAuthors(): Author[] {
    this.fresh();
    return [...this.authors.values()];
  }

  getTag(slug: string): Tag | null {
    this.fresh();
    return this.tags.get(slug) ?? null;
  }

  getTags(): Tag[] {
    this.fresh();
    return [...this.tags.values()];
  }

  getArticle(slug: string, preview: boolean, now = new Date()): Article | null {
    this.fresh();
    return readable(this.article(this.stmt.article.get(slug) as never), { preview }, now);
  }

  getArticleByOldSlug(old: string, preview: boolean, now = new Date()): Article | null {
    this.fresh();
    return readable(this.article(this.stmt.byOldSlug.get(old) as never), { preview }, now);
  }

  /** Newest first; `list` is "section:<path>", "author:<slug>", "tag:<slug>" or null for every article. */
  list(list: string | null, page: number, perPage: number, preview: boolean, now = Date.now(), range: TimeRange = EVER): Page<ArticleSummary> {
    this.fresh();
    const offset = (page - 1) * perPage;
    const s = this.stmt;
    const { from, until } = range;
    let rows: Row[];
    let total: number;
    const whole = from === EVER.from && until === EVER.until;
    if (list === null) {
      rows = (preview ? s.allPreview.all(from, until, perPage, offset) : s.allVisible.all(now, from, until, perPage, offset)) as Row[];
      total = (preview ? s.countPreview.get(from, until) : whole ? this.visibleCount(null, now) : s.countVisible.get(now, from, until)) as number;
    } else {
      rows = (preview ? s.listPreview.all(list, from, until, perPage, offset) : s.listVisible.all(list, now, from, until, perPage, offset)) as Row[];
      total = (preview ? s.listCountPreview.get(list, from, until) : whole ? this.visibleCount(list, now) : s.listCountVisible.get(list, now, from, until)) as number;
    }
    return paginate(this.summaries(rows), page, perPage, total);
  }

  /** Visible rows of a list: counting 100,000 index entries per request would cost milliseconds each time. */
  private visibleCount(list: string | null, now: number): number {
    let published = this.counts.get(list);
    if (published === undefined) {
      published = (list === null ? this.stmt.publishedCount.get() : this.stmt.listPublishedCount.get(list)) as number;
      this.counts.set(list, published);
    }
    return published - ((list === null ? this.stmt.scheduledCount.get(now) : this.stmt.listScheduledCount.get(list, now)) as number);
  }

  private newest(list: string | null, limit: number, now: number): ArticleSummary[] {
    return this.list(list, 1, limit, false, now).items;
  }

  private sharing = new Map<number, Database.Statement>();

  /**
   * The articles sharing n tags with one article: the newest SHARING_WINDOW of each tag (an
   * indexed range each), counted per article. Parameters: for each tag its list, now, the
   * article's slug and the window; then the limit.
   */
  private sharingTags(n: number): Database.Statement {
    let statement = this.sharing.get(n);
    if (!statement) {
      const one = "SELECT * FROM (SELECT id, published_at AS at, slug FROM lists WHERE list = ? AND published = 1 AND published_at <= ? AND slug <> ? ORDER BY published_at DESC, slug LIMIT ?)";
      const union = Array.from({ length: n }, () => one).join(" UNION ALL ");
      statement = this.db.prepare(`SELECT id, count(*) AS n, max(at) AS at, slug FROM (${union}) GROUP BY id ORDER BY n DESC, at DESC, slug LIMIT ?`);
      this.sharing.set(n, statement);
    }
    return statement;
  }

  /** The candidates of lib/sources/rules.ts#rankRelated, each read with a bounded, indexed query. */
  related(article: Article, limit: number, now = new Date()): ArticleSummary[] {
    this.fresh();
    const t = now.getTime();
    const order = new Map(article.relatedSlugs.map((s, i) => [s, i]));
    const picks = this.summaries(this.stmt.bySlugs.all(JSON.stringify(article.relatedSlugs)) as Row[]).sort((a, b) => order.get(a.slug)! - order.get(b.slug)!);
    // Articles sharing tags, counted among the newest SHARING_WINDOW of each tag: a tag carried by
    // half of 100,000 articles would otherwise be counted whole on every render. Enough of the
    // most-shared are read to fill the list even when some of them are already picks.
    // Counted and ordered by SQLite (rankRelated's order: most tags in common, then newest, then
    // slug): thousands of candidate rows never become JavaScript objects.
    const top = article.tags.length
      ? (this.sharingTags(article.tags.length).all(...article.tags.flatMap((tag) => [`tag:${tag.slug}`, t, article.slug, SHARING_WINDOW]), limit + picks.length + 1) as { id: number }[])
      : [];
    const byId = new Map((this.stmt.byIds.all(JSON.stringify(top.map(({ id }) => id))) as { id: number; model: string }[]).map((r) => [r.id, r.model]));
    const sharingTags = top.map(({ id }) => this.summary(byId.get(id)!)).filter((a): a is ArticleSummary => a !== null);
    const bySection = sectionAncestry(article.section.path, (p) => this.sectionsByPath.get(p)?.parentPath).map((p) => this.newest(`section:${p}`, limit + 1, t));
    const newest = this.newest(null, limit + 1, t);
    return rankRelated(article, { picks, sharingTags, bySection, newest }, limit, now);
  }

  search(q: string, page: number, perPage: number, now = Date.now()): Page<SearchHit> {
    this.fresh();
    const terms = parseSearch(q);
    if (!terms.length) return paginate([], page, perPage, 0);
    const expansions = new Map<string, string[] | undefined>();
    for (const t of terms) if (t.prefix) expansions.set(t.words[0], this.prefixWords(t.words[0]));
    // A word nothing in the index starts with: no article has every term.
    if ([...expansions.values()].some((words) => words?.length === 0)) return paginate([], page, perPage, 0);
    const match = ftsQuery(terms, (prefix) => expansions.get(prefix));
    const rows = this.stmt.search.all(match, now, this.searchWindow, perPage, (page - 1) * perPage) as { model: string; score: number }[];
    const items = rows.flatMap((r) => {
      const summary = this.summary(r.model);
      return summary ? [{ ...summary, score: r.score }] : [];
    });
    const total = this.stmt.searchCount.get(match, now, this.searchWindow + 1) as number;
    return total > this.searchWindow ? { ...paginate(items, page, perPage, this.searchWindow), totalCapped: true } : paginate(items, page, perPage, total);
  }

  /**
   * The indexed words starting with `prefix`, when there are few enough to ask for one by one;
   * undefined leaves the prefix to FTS5 — three letters (its own prefix index answers at once) or a
   * prefix of more than PREFIX_WORDS words.
   */
  private prefixWords(prefix: string): string[] | undefined {
    if ([...prefix].length <= 3) return undefined;
    const words = this.stmt.prefixWords.all(prefix, `${prefix}\u{10FFFF}`, PREFIX_WORDS + 1) as string[];
    return words.length > PREFIX_WORDS ? undefined : words;
  }

  scheduledAt(slug: string, now = new Date()): string | null {
    const row = this.stmt.schedule.get(slug) as { published: number; published_at: number } | undefined;
    if (!row) return null;
    const publishedAt = new Date(row.published_at).toISOString();
    return isScheduled({ status: row.published ? "published" : "draft", publishedAt }, now) ? publishedAt : null;
  }

  nextScheduled(now = new Date()): { slug: string; publishedAt: string } | null {
    const row = this.stmt.next.get(now.getTime()) as Row | undefined;
    if (!row) return null;
    const model = JSON.parse(row.model) as StoredArticle;
    return { slug: model.slug, publishedAt: model.publishedAt };
  }

  /** Months with visible articles, newest first. */
  archiveMonths(now = Date.now()): ArchiveMonth[] {
    return (this.stmt.months.all(now) as { month: string; count: number; lastmod: number }[]).map((m) => ({
      month: m.month,
      count: m.count,
      lastmod: new Date(Math.min(m.lastmod, now)).toISOString(),
    }));
  }
}
