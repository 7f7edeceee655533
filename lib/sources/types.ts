/**
 * The content model: every content source returns these types and every page reads only these.
 * The contract is fixed in CONTENT.md (see README → "Content format").
 */

export interface Section {
  slug: string;
  name: string;
  description?: string;
  /** Slugs from the root down, joined by "/", e.g. "news/world-news". */
  path: string;
  /** Path of the parent section, absent for top-level sections. */
  parentPath?: string;
  children: Section[];
}

export interface Link {
  label: string;
  url: string;
}

export interface Image {
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
  width: number;
  height: number;
}

export interface Author {
  slug: string;
  name: string;
  /** Safe HTML (already through lib/html), empty string when the author has no bio. */
  bio: string;
  avatar?: { src: string; alt: string };
  role?: string;
  links: Link[];
}

export interface Tag {
  slug: string;
  name: string;
}

export interface Heading {
  id: string;
  text: string;
  depth: 2 | 3;
}

export type ArticleStatus = "published" | "draft";

/** The same story in another edition of the newsroom (hreflang): a BCP 47 language and an absolute URL. */
export interface Translation {
  language: string;
  url: string;
}

/** The kind of work (CONTENT.md "Additions"); shown as a label, and opinion/analysis/review styled as such. */
export type ArticleKind = "news" | "opinion" | "analysis" | "review" | "explainer" | "obituary" | "sponsored";

/** A dated correction notice on an article. */
export interface Correction {
  /** ISO 8601 in UTC. */
  date: string;
  /** Safe inline HTML (through lib/html). */
  html: string;
  /** The same as plain text (feeds, JSON-LD). */
  text: string;
}

/** A live blog's coverage state; absent on ordinary articles. */
export interface LiveCoverage {
  /** ISO 8601 in UTC: the coverage ended; absent while it is live. */
  endedAt?: string;
}

/** What lists, cards, feeds and sitemaps need; no body. */
export interface ArticleSummary {
  slug: string;
  title: string;
  description: string;
  section: Section;
  authors: Author[];
  tags: Tag[];
  /** ISO 8601 in UTC. */
  publishedAt: string;
  /** ISO 8601 in UTC; equals publishedAt when the article was never updated. */
  updatedAt: string;
  status: ArticleStatus;
  image?: Image;
  readingMinutes: number;
  /** Canonical path, e.g. "/news/world-news/harbour-bridge-reopens". */
  url: string;
  /** The same story in other editions (front matter `translations`); empty when none. */
  translations: Translation[];
  kind: ArticleKind;
  /** Present when the article is a live blog. */
  live?: LiveCoverage;
  /** ISO 8601 in UTC: the latest correction, when there is one (lists show "Updated"). */
  correctedAt?: string;
  /** Front matter `alert: true`: mailed once to the alerts newsletters when it first becomes visible. */
  alert?: boolean;
  /** Front matter `briefingLead: true`: leads the next daily briefing. */
  briefingLead?: boolean;
}

export interface Article extends ArticleSummary {
  /** Safe HTML produced by the one sanitising pipeline (lib/html). */
  body: string;
  headings: Heading[];
  /** Editor picks (slugs) as written; use ContentSource.getRelated for the resolved list. */
  relatedSlugs: string[];
  redirectFrom: string[];
  donation: boolean;
  /** `false`: no inline "Check also" box and no end-of-article slide-in (front matter `checkAlso: false`). Absent: shown. */
  checkAlso?: boolean;
  /** `false`: never listed in "Most read" (front matter `mostRead: false`; a sensitive story, an obituary). */
  mostRead?: false;
  /** Oldest first. */
  corrections: Correction[];
}

/** A standing page (About, Contact, Ethics…) at `/<slug>`. */
export interface StandingPage {
  slug: string;
  title: string;
  description: string;
  /** Safe HTML (lib/html). */
  body: string;
  headings: Heading[];
  /** ISO 8601 in UTC, when the page says when it was last updated. */
  updatedAt?: string;
  /** Where the site links it from. */
  nav: "header" | "footer" | "none";
  /** Pages from a CMS can be drafts (preview only); markdown pages are always published. */
  status: ArticleStatus;
  /** "/<slug>" */
  url: string;
}

/** One update of a live blog. */
export interface LiveUpdate {
  /** From the file name; the anchor is `#update-<id>`. */
  id: string;
  title?: string;
  /** Safe HTML (lib/html). */
  body: string;
  /** ISO 8601 in UTC. */
  publishedAt: string;
  /** ISO 8601 in UTC; equals publishedAt when never edited. */
  updatedAt: string;
  keyEvent: boolean;
  pinned: boolean;
  authors: Author[];
  status: ArticleStatus;
  /** The article's URL with the update's anchor. */
  url: string;
}

/** A correction with the article it belongs to (the /corrections page and feed). */
export interface CorrectionEntry {
  article: ArticleSummary;
  correction: Correction;
}

export interface Page<T> {
  items: T[];
  /** 1-based page number. */
  page: number;
  perPage: number;
  total: number;
  totalPages: number;
  /** More than `total` match and only `total` are listed (search of a large archive; docs/decisions/0083). */
  totalCapped?: boolean;
}

export interface ReadOptions {
  /** Include drafts and scheduled articles (draft mode only). */
  preview?: boolean;
}

export interface ListQuery extends ReadOptions {
  /** Section path; the list includes its subsections' articles. */
  section?: string;
  author?: string;
  tag?: string;
  /** Only articles published at or after this time (ISO 8601); with `until`, one bounded range (sitemaps). */
  from?: string;
  /** Only articles published before this time (ISO 8601). */
  until?: string;
  page?: number;
  perPage?: number;
}

export interface SearchQuery {
  q: string;
  page?: number;
  perPage?: number;
}

export interface SearchHit extends ArticleSummary {
  score: number;
}

/** A calendar month (UTC) of the archive: one child of the sitemap index. */
export interface ArchiveMonth {
  /** "YYYY-MM". */
  month: string;
  /** Visible articles published in it (may count a scheduled one of the current month); -1 when the source cannot tell cheaply. */
  count: number;
  /** The newest update among them (ISO 8601), when the source knows it cheaply. */
  lastmod?: string;
}

/** What the revalidation webhook was told changed; absent means anything may have. */
export interface ContentChange {
  /** An article (and its live-blog updates). */
  slug?: string;
  /** A standing page. */
  page?: string;
  author?: string;
  section?: string;
  tag?: string;
  all?: boolean;
}

/**
 * The one contract every content source implements. Pages reach it only through
 * getContentSource() in lib/sources/source.ts, never a concrete source.
 */
export interface ContentSource {
  /** The sections tree (top-level sections, each with its children). */
  getSections(): Promise<Section[]>;
  getSection(path: string): Promise<Section | null>;
  /** The article with this slug in any section. */
  getArticleBySlug(slug: string, options?: ReadOptions): Promise<Article | null>;
  /** The article that lists `oldSlug` in its redirectFrom. */
  getArticleByOldSlug(oldSlug: string, options?: ReadOptions): Promise<Article | null>;
  /** Newest first, paginated. */
  listArticles(query: ListQuery): Promise<Page<ArticleSummary>>;
  getAuthor(slug: string): Promise<Author | null>;
  getAuthors(): Promise<Author[]>;
  getTag(slug: string): Promise<Tag | null>;
  getTags(): Promise<Tag[]>;
  /** Editor picks first, then shared tags and same section, newest first; visible only; never the article itself. */
  getRelated(article: Article, limit?: number): Promise<ArticleSummary[]>;
  search(query: SearchQuery): Promise<Page<SearchHit>>;
  /**
   * When the scheduled article with this slug goes live (ISO 8601), or null when there is none (or
   * the source cannot tell cheaply). Caches must not keep a 404 for that URL past this time.
   */
  scheduledAt(slug: string, now?: Date): Promise<string | null>;
  /** The next scheduled publication after `now`, so the server can refresh pages at that moment; null when none is known. */
  nextScheduled(now?: Date): Promise<{ slug: string; publishedAt: string } | null>;
  /** Standing pages, for navigation and the sitemap (readers see published ones only). */
  getPages(options?: ReadOptions): Promise<StandingPage[]>;
  getPage(slug: string, options?: ReadOptions): Promise<StandingPage | null>;
  /** Every correction of a visible article, newest first, paginated. */
  listCorrections(query: { page?: number; perPage?: number }): Promise<Page<CorrectionEntry>>;
  /**
   * The updates of a live blog, newest first (readers: visible ones; preview: drafts and future ones
   * too), or null when the slug is not a live blog visible to this reader.
   */
  getLiveUpdates(slug: string, options?: ReadOptions): Promise<LiveUpdate[] | null>;
  /**
   * The update time (ISO 8601) of the newest visible article of a list — every article, a section
   * with its subsections, an author or a tag — or null when it has none: exactly
   * `listArticles({ ...list, perPage: 1 }).items[0]?.updatedAt`, read without the article (the
   * sitemap's pages child asks it of every list).
   */
  lastUpdated(list: Pick<ListQuery, "section" | "author" | "tag">): Promise<string | null>;
  /** Months with visible articles, newest first (the sitemap index: one bounded child per month). */
  archiveMonths(): Promise<ArchiveMonth[]>;
  /**
   * The most visible articles /sitemap.xml lists in one urlset; above it, it is an index of the
   * pages child and one child per month (docs/decisions/0081). As many as the source reads cheaply
   * in one request: the markdown index 5,000, WordPress one REST page (100).
   */
  readonly sitemapSingleMax: number;
  /**
   * Make the next read see the current content (revalidation webhook). `change` names what changed
   * so a source can re-read only that; without it, everything. Invalid content throws
   * ContentValidationError and keeps the previous content.
   */
  reload(change?: ContentChange): Promise<void>;
}
