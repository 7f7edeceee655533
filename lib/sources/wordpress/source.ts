/**
 * The WordPress source: the ContentSource contract over the REST API (/wp-json/wp/v2).
 *
 * Every query maps onto WordPress's own queries and pagination (per_page, X-WP-Total), so a site
 * with a hundred thousand posts costs what one page of it costs; nothing loads "everything".
 * Field by field mapping: ./map.ts. HTTP, retries, caching and errors: ./client.ts. Reading posts
 * (embeds, image sizes, ids by slug): ./posts.ts. Preview's credentials: ./credentials.ts. What is
 * left here is the contract, one method per question (over 400 lines on purpose: split further, one
 * question's query and its mapping would sit in two files).
 *
 * Readers' reads are anonymous: WordPress itself returns only published posts to them, and those
 * responses are what Next caches. Preview reads (draft mode) authenticate with an application
 * password (WORDPRESS_USER, WORDPRESS_APP_PASSWORD), ask for drafts and scheduled posts too, and are
 * never cached.
 */
import type { ArchiveMonth, Article, ArticleSummary, Author, ContentChange, ContentSource, CorrectionEntry, ListQuery, LiveUpdate, Page, ReadOptions, SearchHit, SearchQuery, Section, StandingPage, Tag } from "../types";
import { isSlug, isTagSlug, rankRelated, readable, sectionAncestry } from "../rules";
import { normalisePaging, paginate, toSummary } from "../paging";
import { tokenize } from "../search-terms";
import { contentDir, getSite, type SectionConfig } from "../../config/site";
import { embedCacheDir, embedUrlsIn, PreviewSession, readPreview } from "../../embeds/oembed";
import { WordPressClient, WP_MAX_PER_PAGE, type QueryValue, type WordPressClientOptions } from "./client";
import { buildSectionTree, decodeText, mapPage, mapStatus, mapUser, postPlace, postTimes, termSlug, type SectionTree } from "./map";
import { wpPost, wpPostDates, wpStandingPage, wpTerm, wpUser, type WpPost } from "./schema";
import type { RenderOptions } from "../../html/pipeline";
import { renderOptionsFor } from "../../i18n/translate";
import { cacheTags } from "../../request/cache-tags";
import { remember } from "../../request/resolution-cache";
import { Memo } from "./memo";
import { PreviewCredentials } from "./credentials";
import { EMBED, PostReader, PREVIEW_STATUSES } from "./posts";

export { WordPressCredentialsError } from "./credentials";

/**
 * How long an author's or tag's id read with the full lists (getAuthors, getTags) stands in for its
 * own lookup (`/users?slug=…`, termId), in the process-wide memos the webhook clears: the sitemap's
 * pages child asks one list per author and tag right after reading them.
 */
const KNOWN_ID_MS = 60_000;
/** What lastUpdated asks of each post: `content.protected` alone does not render the body. */
const LAST_UPDATED_FIELDS = "id,slug,status,date_gmt,modified_gmt,categories,masthead_kind,masthead_corrections,content.protected";

export interface WordPressSourceOptions extends WordPressClientOptions {
  /** site.yml's sections: they order the tree WordPress categories define. */
  sectionOrder?: SectionConfig[];
  /** How long the category tree is reused in memory (Next's data cache sits behind it). */
  taxonomyTtlMs?: number;
  /** lib/html options in the site's language (site.yml `language`). */
  render?: RenderOptions;
  warn?: (message: string) => void;
  /**
   * Embed previews (lib/embeds/oembed.ts, docs/decisions/0230): the cache bodies read them from, and
   * the webhook fetches those of the post it names into. Unset: the facades without them.
   */
  embedPreviews?: { dir: string; fetch?: typeof fetch; env?: NodeJS.ProcessEnv };
}

export class WordPressSource implements ContentSource {
  /** Every 100 posts is a REST request (0.2 s on an idle WordPress): more is a sitemap index of months. */
  readonly sitemapSingleMax = WP_MAX_PER_PAGE;
  readonly client: WordPressClient;
  private readonly origin: string;
  private readonly sectionOrder: SectionConfig[];
  private readonly render: RenderOptions | undefined;
  private readonly embedPreviews: WordPressSourceOptions["embedPreviews"];
  private readonly warn: (message: string) => void;
  private readonly warned = new Set<string>();
  private readonly tree: Memo<SectionTree>;
  private readonly credentials: PreviewCredentials;
  private readonly reader: PostReader;
  /** False once WordPress showed it lacks the mu-plugin's old-slug support. */
  private oldSlugsSupported = true;
  /** False once WordPress showed it lacks the mu-plugin's corrections support. */
  private correctionsSupported = true;

  constructor(options: WordPressSourceOptions) {
    this.client = new WordPressClient(options);
    this.origin = new URL(this.client.baseUrl).origin;
    this.sectionOrder = options.sectionOrder ?? [];
    this.embedPreviews = options.embedPreviews;
    const cacheDir = options.embedPreviews?.dir;
    // Read at each render (a file per embed): a preview the webhook fetched shows at the next one.
    this.render = cacheDir ? { ...options.render, embedPreview: (url) => readPreview(cacheDir, url) } : options.render;
    this.warn = options.warn ?? ((message) => console.warn(`[wordpress] ${message}`));
    this.tree = new Memo(async () => {
      const categories = await this.client.getAll("/categories", wpTerm, { tags: [cacheTags.sectionTree] });
      return buildSectionTree(categories, this.sectionOrder, (m) => this.warnOnce(m));
    }, options.taxonomyTtlMs ?? 15_000);
    this.credentials = new PreviewCredentials(this.client, this.warn, (m) => this.warnOnce(m));
    this.reader = new PostReader(this.client, this.credentials, () => this.sections(), this.origin, this.render, (m) => this.warnOnce(m));
  }

  /**
   * Asks WordPress who we are (GET /users/me): a wrong application password fails with a
   * WordPressCredentialsError naming the fix (credentials.ts).
   */
  verifyCredentials(): Promise<{ user: string; canPreviewOthersDrafts: boolean }> {
    return this.credentials.verify();
  }

  /** The credential check at server start (instrumentation.ts), reported in the log. */
  checkCredentialsAtStartup(): Promise<void> {
    return this.credentials.checkAtStartup();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.warn(message);
  }

  private sections(): Promise<SectionTree> {
    return this.tree.get();
  }

  // ---- the contract --------------------------------------------------------------------------

  async getSections(): Promise<Section[]> {
    return (await this.sections()).sections;
  }

  async getSection(path: string): Promise<Section | null> {
    return (await this.sections()).byPath.get(path) ?? null;
  }

  async getArticleBySlug(slug: string, options?: ReadOptions): Promise<Article | null> {
    if (!isSlug(slug)) return null;
    const preview = Boolean(options?.preview);
    const result = await this.reader.posts({ slug, per_page: 1 }, [cacheTags.article(slug)], preview);
    const [article] = await this.reader.articles(result.items);
    return readable(article, { preview });
  }

  /** Needs the mu-plugin (`?old_slug=`); without it WordPress ignores the parameter, which is detected. */
  async getArticleByOldSlug(oldSlug: string, options?: ReadOptions): Promise<Article | null> {
    if (!isSlug(oldSlug) || !this.oldSlugsSupported) return null;
    const preview = Boolean(options?.preview);
    const result = await this.reader.posts({ old_slug: oldSlug, per_page: 5 }, [cacheTags.article(oldSlug)], preview);
    if (result.items.length && result.items.every((p) => p.masthead_old_slugs === undefined)) {
      this.oldSlugsSupported = false;
      this.warnOnce("WordPress lacks Masthead's mu-plugin (scripts/wordpress/mu-plugins/masthead.php): old slugs do not redirect");
      return null;
    }
    const [article] = await this.reader.articles(result.items.filter((p) => p.masthead_old_slugs?.includes(oldSlug)));
    return readable(article, { preview });
  }

  /** WordPress's query and the cache tags of a list, newest first; null when its section, author or tag does not exist. */
  private async listFilter(query: Pick<ListQuery, "section" | "author" | "tag">): Promise<{ params: Record<string, QueryValue>; tags: string[] } | null> {
    const params: Record<string, QueryValue> = { orderby: "date", order: "desc" };
    const tags: string[] = [cacheTags.lists];
    if (query.section) {
      const ids = (await this.sections()).categoryIds.get(query.section);
      if (!ids) return null;
      params.categories = ids; // the section and every subsection
      tags.push(cacheTags.section(query.section));
    } else if (query.author) {
      const id = await this.reader.termId("users", query.author);
      if (id === undefined) return null;
      params.author = id;
      tags.push(cacheTags.author(query.author));
    } else if (query.tag) {
      const id = await this.reader.termId("tags", query.tag);
      if (id === undefined) return null;
      params.tags = id;
      tags.push(cacheTags.tag(query.tag));
    }
    return { params, tags };
  }

  async listArticles(query: ListQuery): Promise<Page<ArticleSummary>> {
    const { page, perPage } = normalisePaging(query.page, query.perPage);
    const preview = Boolean(query.preview);
    const filter = await this.listFilter(query);
    if (!filter) return paginate([], page, perPage, 0);
    const { params, tags } = filter;
    if (query.from || query.until) return this.listRange(params, tags, preview, page, perPage, query.from, query.until);
    const { items, total } = await this.reader.page(params, tags, preview, page, perPage);
    return paginate(items.map(toSummary), page, perPage, total);
  }

  /**
   * A bounded range of publication dates (a sitemap month). WordPress compares after/before with
   * the site's local post date, whatever offset the value carries, so the range is asked widened by
   * the largest time-zone offset (14 h) and cut exactly here by the UTC publication time: every
   * post of the range read (one month: a few pages of 100), never the archive.
   */
  private async listRange(params: Record<string, QueryValue>, tags: string[], preview: boolean, page: number, perPage: number, from?: string, until?: string): Promise<Page<ArticleSummary>> {
    const start = from ? Date.parse(from) : -8.64e15;
    const end = until ? Date.parse(until) : 8.64e15;
    const ZONE = 14 * 3600_000;
    const wide = { ...params, ...(from ? { after: wpDate(start - ZONE - 1000) } : {}), ...(until ? { before: wpDate(end + ZONE) } : {}) };
    const all: Article[] = [];
    for (let p = 1; p <= 100; p++) {
      const { items, total } = await this.reader.page(wide, tags, preview, p, WP_MAX_PER_PAGE);
      all.push(...items);
      if (items.length === 0 || p * WP_MAX_PER_PAGE >= total) break;
    }
    const inRange = all.filter((a) => Date.parse(a.publishedAt) >= start && Date.parse(a.publishedAt) < end);
    const offset = (page - 1) * perPage;
    return paginate(inRange.slice(offset, offset + perPage).map(toSummary), page, perPage, inRange.length);
  }

  /**
   * The newest few posts' dates only (`_fields`, no embeds, no body rendered: ~20 ms where a summary
   * is two round trips). A post a list would leave out — a slug or categories Masthead cannot show,
   * a password — is skipped as the list skips it.
   */
  async lastUpdated(list: Pick<ListQuery, "section" | "author" | "tag">): Promise<string | null> {
    const filter = await this.listFilter(list);
    return filter ? ((await this.edgeDates(filter.params, filter.tags))?.updatedAt ?? null) : null;
  }

  /** The dates of the newest (or oldest) visible post a list would show, from its first ten posts' dates. */
  private async edgeDates(params: Record<string, QueryValue>, tags: string[]): Promise<{ publishedAt: string; updatedAt: string } | undefined> {
    const sections = await this.sections();
    const page = await this.client.getPage("/posts", wpPostDates, { params: { ...params, per_page: 10, _fields: LAST_UPDATED_FIELDS }, tags });
    const now = Date.now();
    for (const post of page.items) {
      if ("problem" in postPlace(post, sections)) continue;
      const times = postTimes(post, `WordPress post ${post.id} "${post.slug}"`, []);
      if (mapStatus(post.status, post.content?.protected) === "published" && Date.parse(times.publishedAt) <= now) return times;
    }
    return undefined;
  }

  async getAuthor(slug: string): Promise<Author | null> {
    if (!isSlug(slug)) return null;
    const page = await this.client.getPage("/users", wpUser, { params: { slug }, tags: [cacheTags.author(slug)] });
    const user = page.items.find((u) => u.slug === slug);
    return user ? mapUser(user, this.origin) : null;
  }

  /** Anonymous WordPress lists the users who have published posts: exactly the site's authors. */
  async getAuthors(): Promise<Author[]> {
    const users = await this.client.getAll("/users", wpUser, { tags: [cacheTags.authorList] });
    for (const u of users) remember(`wp-id:${this.origin}:users:${u.slug}`, u.id, KNOWN_ID_MS);
    return users.map((u) => mapUser(u, this.origin));
  }

  async getTag(slug: string): Promise<Tag | null> {
    if (!isTagSlug(slug)) return null;
    const page = await this.client.getPage("/tags", wpTerm, { params: { slug }, tags: [cacheTags.tag(slug)] });
    const term = page.items.find((t) => termSlug(t.slug) === slug);
    return term ? { slug, name: decodeText(term.name) } : null;
  }

  /** Tags in use by published posts. */
  async getTags(): Promise<Tag[]> {
    const terms = await this.client.getAll("/tags", wpTerm, { params: { hide_empty: true }, tags: [cacheTags.tagList] });
    return terms.flatMap((t) => {
      const slug = termSlug(t.slug);
      if (slug) remember(`wp-id:${this.origin}:tags:${slug}`, t.id, KNOWN_ID_MS);
      return slug ? [{ slug, name: decodeText(t.name) }] : [];
    });
  }

  /** Gathers the candidates of the related-articles rule (lib/sources/rules.ts#rankRelated) with a few bounded queries. */
  async getRelated(article: Article, limit = 4): Promise<ArticleSummary[]> {
    const tags = [cacheTags.lists, cacheTags.article(article.slug)];
    const fetch = async (params: Record<string, QueryValue>) => this.reader.articles((await this.reader.posts(params, tags)).items);
    const slugs = article.relatedSlugs.slice(0, WP_MAX_PER_PAGE);
    const picks = slugs.length ? await fetch({ slug: slugs, per_page: slugs.length }) : [];
    let sharingTags: Article[] = [];
    if (article.tags.length) {
      const terms = await this.client.getPage("/tags", wpTerm, { params: { slug: article.tags.map((t) => t.slug), per_page: WP_MAX_PER_PAGE }, tags });
      if (terms.items.length) sharingTags = await fetch({ tags: terms.items.map((t) => t.id), per_page: Math.min(WP_MAX_PER_PAGE, limit * 5) });
    }
    const tree = await this.sections();
    const bySection = await Promise.all(
      sectionAncestry(article.section.path, (p) => tree.byPath.get(p)?.parentPath).map((path) => {
        const ids = tree.categoryIds.get(path);
        return ids ? fetch({ categories: ids, per_page: limit + 1 }) : Promise.resolve([]);
      }),
    );
    const newest = await fetch({ per_page: limit + 1 });
    const ordered = slugs.map((s) => picks.find((a) => a.slug === s)).filter((a): a is Article => Boolean(a));
    return rankRelated(article, { picks: ordered, sharingTags, bySection, newest }, limit).map(toSummary);
  }

  /**
   * WordPress's search: every word must appear (in title, excerpt or body, as a substring, case-
   * and accent-insensitive with WordPress's default collation), ranked by relevance (title matches
   * first), then newest. Readers' queries are not cached: arbitrary input must not fill the cache.
   */
  async search(query: SearchQuery): Promise<Page<SearchHit>> {
    const { page, perPage } = normalisePaging(query.page, query.perPage);
    const words = [...new Set(tokenize(query.q))].slice(0, 12);
    if (!words.length) return paginate([], page, perPage, 0);
    const { items, total } = await this.reader.page({ search: words.join(" "), orderby: "relevance" }, [], false, page, perPage, false);
    // WordPress gives an order, not scores: the score falls with the rank across pages.
    const first = (page - 1) * perPage;
    return paginate(items.map((a, i) => ({ ...toSummary(a), score: Math.max(1, total - first - i) })), page, perPage, total);
  }

  /**
   * Anonymous REST requests never see scheduled posts, and asking with the application password for
   * every unknown URL would let anyone make us query WordPress at will: scheduled posts therefore
   * appear within the 404 lifetime (30 s) and the pages' revalidation time (docs/wordpress.md).
   */
  async scheduledAt(): Promise<string | null> {
    return null;
  }

  async nextScheduled(): Promise<{ slug: string; publishedAt: string } | null> {
    return null;
  }

  /**
   * Every month from the oldest visible post to the newest: two one-post queries, however large
   * the archive. WordPress has no per-month count in its REST API, so a month without posts in
   * between gives an empty (valid) child sitemap.
   */
  async archiveMonths(): Promise<ArchiveMonth[]> {
    const edge = async (order: "asc" | "desc") => (await this.edgeDates({ orderby: "date", order }, [cacheTags.lists, cacheTags.sitemap]))?.publishedAt;
    const [oldest, newest] = await Promise.all([edge("asc"), edge("desc")]);
    if (!oldest || !newest) return [];
    const months: ArchiveMonth[] = [];
    const cursor = new Date(`${newest.slice(0, 7)}-01T00:00:00Z`);
    const stop = oldest.slice(0, 7);
    while (months.length < 12 * 200) {
      const month = cursor.toISOString().slice(0, 7);
      months.push({ month, count: -1 });
      if (month <= stop) break;
      cursor.setUTCMonth(cursor.getUTCMonth() - 1);
    }
    return months;
  }

  /**
   * Standing pages are WordPress's top-level pages (/wp/v2/pages?parent=0), in the editors' menu
   * order. Readers get published ones through the data cache; preview asks with the application
   * password for drafts too.
   */
  private async standingPages(params: Record<string, QueryValue>, tags: string[], preview: boolean): Promise<StandingPage[]> {
    const auth = preview && this.client.hasCredentials;
    if (auth) await this.credentials.ensure();
    const [items, sections] = await Promise.all([
      this.client.getAll("/pages", wpStandingPage, {
        params: { parent: 0, orderby: "menu_order", order: "asc", ...params, ...(auth ? { status: PREVIEW_STATUSES } : {}) },
        tags,
        auth,
      }),
      this.sections(),
    ]);
    const out: StandingPage[] = [];
    for (const item of items) {
      const mapped = mapPage(item, sections, { wordpressOrigin: this.origin, render: this.render });
      if (!mapped.ok) this.warnOnce(`${mapped.problem}; it is left out`);
      else if (preview || mapped.page.status === "published") out.push(mapped.page);
    }
    return out;
  }

  async getPages(options?: ReadOptions): Promise<StandingPage[]> {
    return this.standingPages({}, [cacheTags.pageList], Boolean(options?.preview));
  }

  async getPage(slug: string, options?: ReadOptions): Promise<StandingPage | null> {
    if (!isSlug(slug)) return null;
    const [page] = await this.standingPages({ slug }, [cacheTags.page(slug)], Boolean(options?.preview));
    return page?.slug === slug ? page : null;
  }

  /**
   * Every correction of a published post, newest first. The mu-plugin's `?masthead_corrected=1`
   * asks only for posts whose `masthead_corrections` meta is set — corrected posts are few, so they
   * are read whole and sorted here. Without the mu-plugin WordPress ignores the parameter (and
   * would list every post), which is detected on the first page: then there are none.
   */
  async listCorrections(query: { page?: number; perPage?: number }): Promise<Page<CorrectionEntry>> {
    const { page, perPage } = normalisePaging(query.page, query.perPage);
    if (!this.correctionsSupported) return paginate([], page, perPage, 0);
    const posts: WpPost[] = [];
    for (let n = 1; ; n++) {
      const result = await this.client.getPage("/posts", wpPost, {
        params: { masthead_corrected: 1, _embed: EMBED, per_page: WP_MAX_PER_PAGE, page: n, orderby: "modified", order: "desc" },
        tags: [cacheTags.corrections, cacheTags.lists],
      });
      if (result.items.some((p) => p.masthead_corrections === undefined)) {
        this.correctionsSupported = false;
        this.warnOnce("WordPress lacks Masthead's mu-plugin (scripts/wordpress/mu-plugins/masthead.php): no kinds of work or corrections");
        return paginate([], page, perPage, 0);
      }
      posts.push(...result.items);
      if (result.pastEnd || n >= result.totalPages || result.items.length === 0) break;
    }
    const entries = (await this.reader.articles(posts))
      .filter((a) => readable(a))
      .flatMap((article) => article.corrections.map((correction) => ({ article: toSummary(article), correction })))
      .sort((a, b) => Date.parse(b.correction.date) - Date.parse(a.correction.date) || a.article.slug.localeCompare(b.article.slug));
    const from = (page - 1) * perPage;
    return paginate(entries.slice(from, from + perPage), page, perPage, entries.length);
  }

  /** Core WordPress has no live blogs (docs/wordpress.md). */
  async getLiveUpdates(): Promise<LiveUpdate[] | null> {
    return null;
  }

  async reload(change?: ContentChange): Promise<void> {
    this.tree.clear();
    this.client.forget();
    this.oldSlugsSupported = true;
    this.correctionsSupported = true;
    if (change?.slug) await this.fetchEmbedPreviews(change.slug);
  }

  /**
   * On the webhook, before the post's pages are rendered again: the titles and pictures of the
   * videos its body embeds, asked of their providers now rather than while a reader waits. Never
   * fails the publish: what could not be fetched is one log line, and the facade stays as it was.
   */
  private async fetchEmbedPreviews(slug: string): Promise<void> {
    const options = this.embedPreviews;
    if (!options || !isSlug(slug) || (options.env ?? process.env).EMBED_PREVIEWS === "0") return;
    try {
      // Fresh from WordPress (not Next's data cache, which still holds the post as it was), drafts too when we may.
      const page = await this.reader.posts({ slug, per_page: 1 }, [cacheTags.article(slug)], this.client.hasCredentials, false);
      const urls = page.items.flatMap((post) => embedUrlsIn(post.content.rendered));
      if (!urls.length) return;
      const session = new PreviewSession(options.dir, options.fetch, options.env);
      await session.ensure(urls);
      const line = session.summary();
      if (line) this.warn(line);
    } catch (error) {
      this.warn(`embed previews of ${slug} were not fetched: ${(error as Error).message}`);
    }
  }
}

/** The source configured by the environment (CONTENT_SOURCE=wordpress). */
export function createWordPressSourceFromEnv(env: NodeJS.ProcessEnv = process.env): WordPressSource {
  const url = env.WORDPRESS_URL?.trim();
  if (!url) {
    throw new Error('CONTENT_SOURCE="wordpress" needs WORDPRESS_URL: the base URL of the WordPress site (its REST API is at <WORDPRESS_URL>/wp-json/wp/v2)');
  }
  const timeoutMs = Number(env.WORDPRESS_TIMEOUT_MS);
  return new WordPressSource({
    url,
    user: env.WORDPRESS_USER?.trim() || undefined,
    appPassword: env.WORDPRESS_APP_PASSWORD?.trim() || undefined,
    timeoutMs: Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : undefined,
    sectionOrder: getSite().sections,
    render: renderOptionsFor(getSite().language),
    embedPreviews: { dir: embedCacheDir(contentDir()) },
  });
}

/** An ISO 8601 time to the second, as WordPress's after/before take it. */
function wpDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
