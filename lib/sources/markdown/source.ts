import fs from "node:fs";
import type { ArchiveMonth, Article, ArticleSummary, Author, ContentChange, ContentSource, CorrectionEntry, ListQuery, LiveUpdate, Page, ReadOptions, SearchHit, SearchQuery, Section, StandingPage, Tag } from "../types";
import { normalisePaging } from "../paging";
import { EVER, IndexReader, type TimeRange } from "./index-reader";
import { IndexWriter, type UpdateRequest } from "./index-writer";
import { INDEX_FORMAT, indexFile, readMeta, rendererVersion } from "./index-schema";
import Database from "better-sqlite3";
import { loadSiteConfig } from "../../config/site";

/**
 * The markdown source, read through its on-disk content index (docs/decisions/0080): opening it
 * costs the same at 100 or 100,000 articles, and each query reads only the rows it returns.
 *
 * The build creates the index (scripts/build.mjs). When it is missing, of an older format, made by
 * another version of the renderer or for another folder, the first read brings it up to date —
 * loudly, and before answering, so the site never serves an empty or stale archive. `reload()` (the
 * revalidation webhook) updates only the files named, in one transaction: an invalid edit throws
 * and the last good version stays.
 */
export class MarkdownSource implements ContentSource {
  /** Listing 5,000 articles from the index takes ~0.2 s: small sites keep one sitemap document. */
  readonly sitemapSingleMax = 5_000;
  private opening: Promise<IndexReader> | undefined;
  private writer: IndexWriter | undefined;
  readonly file: string;

  constructor(private readonly dir: string) {
    this.file = indexFile(dir);
  }

  /** Why the index at `file` cannot be used as it is, or null when it can. */
  private staleness(): string | null {
    if (!fs.existsSync(this.file)) return "is missing";
    let meta: Record<string, string>;
    try {
      const db = new Database(this.file, { readonly: true, fileMustExist: true });
      try {
        meta = readMeta(db);
      } finally {
        db.close();
      }
    } catch (error) {
      return `cannot be read (${error instanceof Error ? error.message : error})`;
    }
    if (!meta.generation) return "was never completed";
    if (meta.format !== String(INDEX_FORMAT)) return `has format ${meta.format}, not ${INDEX_FORMAT}`;
    if (meta.renderer !== rendererVersion()) return "was made by another version of the renderer";
    if (meta.contentDir !== fs.realpathSync(this.dir)) return `was made for another folder (${meta.contentDir})`;
    // Bodies carry words in the site's language (self-link labels): another language re-renders them.
    const language = loadSiteConfig(this.dir).language;
    if (meta.language !== language) return `was made for the site language "${meta.language}", not "${language}"`;
    return null;
  }

  private index(): Promise<IndexReader> {
    this.opening ??= (async () => {
      const reason = this.staleness();
      if (reason) {
        console.warn(`Content index ${this.file} ${reason}: bringing it up to date from ${this.dir} before serving (npm run build does this ahead of time).`);
        const result = await this.writable().update({ all: true });
        console.log(`Content index ready: ${result.articles} articles (${result.rendered} rendered, ${result.unchanged} unchanged) in ${result.ms} ms.`);
      }
      return new IndexReader(this.file);
    })().catch((error) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private writable(): IndexWriter {
    this.writer ??= new IndexWriter(this.dir, this.file);
    return this.writer;
  }

  async reload(change?: ContentChange): Promise<void> {
    await this.index();
    const request: UpdateRequest =
      !change || change.all
        ? { all: true }
        : { slugs: change.slug ? [change.slug] : [], authors: change.author ? [change.author] : [], site: Boolean(change.section), pages: Boolean(change.page) };
    await this.writable().update(request);
  }

  async getSections(): Promise<Section[]> {
    return (await this.index()).getSections();
  }

  async getSection(path: string): Promise<Section | null> {
    return (await this.index()).getSection(path);
  }

  async getArticleBySlug(slug: string, options?: ReadOptions): Promise<Article | null> {
    return (await this.index()).getArticle(slug, Boolean(options?.preview));
  }

  async getArticleByOldSlug(oldSlug: string, options?: ReadOptions): Promise<Article | null> {
    return (await this.index()).getArticleByOldSlug(oldSlug, Boolean(options?.preview));
  }

  async listArticles(query: ListQuery): Promise<Page<ArticleSummary>> {
    const index = await this.index();
    const { page, perPage } = normalisePaging(query.page, query.perPage);
    const list = query.section ? `section:${query.section}` : query.author ? `author:${query.author}` : query.tag ? `tag:${query.tag}` : null;
    const range: TimeRange = {
      from: query.from ? Date.parse(query.from) : EVER.from,
      until: query.until ? Date.parse(query.until) : EVER.until,
    };
    if (Number.isNaN(range.from) || Number.isNaN(range.until)) throw new RangeError("from and until must be ISO 8601 dates");
    return index.list(list, page, perPage, Boolean(query.preview), Date.now(), range);
  }

  async getAuthor(slug: string): Promise<Author | null> {
    return (await this.index()).getAuthor(slug);
  }

  async getAuthors(): Promise<Author[]> {
    return (await this.index()).getAuthors();
  }

  async getTag(slug: string): Promise<Tag | null> {
    return (await this.index()).getTag(slug);
  }

  async getTags(): Promise<Tag[]> {
    return (await this.index()).getTags();
  }

  async getRelated(article: Article, limit = 4): Promise<ArticleSummary[]> {
    return (await this.index()).related(article, limit);
  }

  async scheduledAt(slug: string, now = new Date()): Promise<string | null> {
    return (await this.index()).scheduledAt(slug, now);
  }

  async nextScheduled(now = new Date()): Promise<{ slug: string; publishedAt: string } | null> {
    return (await this.index()).nextScheduled(now);
  }

  async search(query: SearchQuery): Promise<Page<SearchHit>> {
    const { page, perPage } = normalisePaging(query.page, query.perPage);
    return (await this.index()).search(query.q, page, perPage);
  }

  async getPages(): Promise<StandingPage[]> {
    return (await this.index()).getPages();
  }

  async getPage(slug: string): Promise<StandingPage | null> {
    return (await this.index()).getPage(slug);
  }

  async listCorrections(query: { page?: number; perPage?: number }): Promise<Page<CorrectionEntry>> {
    const { page, perPage } = normalisePaging(query.page, query.perPage);
    return (await this.index()).corrections(page, perPage);
  }

  async getLiveUpdates(slug: string, options?: ReadOptions): Promise<LiveUpdate[] | null> {
    return (await this.index()).liveUpdates(slug, Boolean(options?.preview));
  }

  async lastUpdated(list: Pick<ListQuery, "section" | "author" | "tag">): Promise<string | null> {
    // One indexed row: the newest of the list, as the list itself would read it.
    return (await this.listArticles({ section: list.section, author: list.author, tag: list.tag, perPage: 1 })).items[0]?.updatedAt ?? null;
  }

  async archiveMonths(): Promise<ArchiveMonth[]> {
    return (await this.index()).archiveMonths();
  }
}
