import type {
  Article,
  ArticleSummary,
  Author,
  ContentSource,
  CorrectionEntry,
  ListQuery,
  LiveUpdate,
  Page,
  ReadOptions,
  SearchHit,
  SearchQuery,
  Section,
  StandingPage,
  Tag,
} from "../types";
import { isScheduled, isVisible, readable } from "../rules";
import { normalisePaging, type ContentIndex } from "../index-builder";
import { loadMarkdownContent } from "./load";

/**
 * The markdown source: the folder is loaded and indexed once per process; `reload()` (the
 * revalidation webhook) swaps in a fresh index only when the new content is valid, so a broken
 * edit on a running site keeps serving the last good content.
 */
export class MarkdownSource implements ContentSource {
  private index: ContentIndex | undefined;

  constructor(private readonly dir: string) {}

  private load(): ContentIndex {
    this.index ??= loadMarkdownContent(this.dir).index;
    return this.index;
  }


  async reload(): Promise<void> {
    this.index = loadMarkdownContent(this.dir).index;
  }

  async getSections(): Promise<Section[]> {
    return this.load().sections;
  }

  async getSection(path: string): Promise<Section | null> {
    return this.load().sectionsByPath.get(path) ?? null;
  }

  async getArticleBySlug(slug: string, options?: ReadOptions): Promise<Article | null> {
    return readable(this.load().articles.get(slug), options);
  }

  async getArticleByOldSlug(oldSlug: string, options?: ReadOptions): Promise<Article | null> {
    return readable(this.load().byOldSlug.get(oldSlug), options);
  }

  async listArticles(query: ListQuery): Promise<Page<ArticleSummary>> {
    const index = this.load();
    const { page, perPage } = normalisePaging(query.page, query.perPage);
    const list = query.section
      ? index.bySection.get(query.section)
      : query.author
        ? index.byAuthor.get(query.author)
        : query.tag
          ? index.byTag.get(query.tag)
          : index.everything;
    return index.listPage(list, page, perPage, Boolean(query.preview));
  }

  async getAuthor(slug: string): Promise<Author | null> {
    return this.load().authors.get(slug) ?? null;
  }

  async getAuthors(): Promise<Author[]> {
    return [...this.load().authors.values()];
  }

  async getTag(slug: string): Promise<Tag | null> {
    return this.load().tags.get(slug) ?? null;
  }

  async getTags(): Promise<Tag[]> {
    return [...this.load().tags.values()];
  }

  async getRelated(article: Article, limit = 4): Promise<ArticleSummary[]> {
    return this.load().related(article, limit);
  }

  async scheduledAt(slug: string, now = new Date()): Promise<string | null> {
    const article = this.load().articles.get(slug);
    return article && isScheduled(article, now) ? article.publishedAt : null;
  }

  async nextScheduled(now = new Date()): Promise<{ slug: string; publishedAt: string } | null> {
    return this.load().nextScheduled(now);
  }

  async getPages(): Promise<StandingPage[]> {
    return [...this.load().pages.values()];
  }

  async getPage(slug: string): Promise<StandingPage | null> {
    return this.load().pages.get(slug) ?? null;
  }

  async listCorrections(query: { page?: number; perPage?: number }): Promise<Page<CorrectionEntry>> {
    const { page, perPage } = normalisePaging(query.page, query.perPage);
    return this.load().correctionsPage(page, perPage);
  }

  async getLiveUpdates(slug: string, options?: ReadOptions): Promise<LiveUpdate[] | null> {
    const article = readable(this.load().articles.get(slug), options);
    if (!article?.live) return null;
    const updates = this.load().liveUpdates.get(slug) ?? [];
    return options?.preview ? updates : updates.filter((u) => isVisible(u));
  }

  async search(query: SearchQuery): Promise<Page<SearchHit>> {
    const { page, perPage } = normalisePaging(query.page, query.perPage);
    return this.load().search(query.q, page, perPage);
  }
}
