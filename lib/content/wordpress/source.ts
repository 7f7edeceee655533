/**
 * The WordPress source: the ContentSource contract over the REST API (/wp-json/wp/v2).
 *
 * Every query maps onto WordPress's own queries and pagination (per_page, X-WP-Total), so a site
 * with a hundred thousand posts costs what one page of it costs; nothing loads "everything".
 * Field by field mapping: ./map.ts. HTTP, retries, caching and errors: ./client.ts.
 *
 * Readers' reads are anonymous: WordPress itself returns only published posts to them, and those
 * responses are what Next caches. Preview reads (draft mode) authenticate with an application
 * password (WORDPRESS_USER, WORDPRESS_APP_PASSWORD), ask for drafts and scheduled posts too, and are
 * never cached.
 */
import type {
  ArchiveMonth,
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
import { z } from "zod";
import { ContentUnavailableError } from "../errors";
import { isSlug, isTagSlug, rankRelated, readable, sectionAncestry } from "../rules";
import { normalisePaging, paginate, toSummary } from "../paging";
import { tokenize } from "../search-terms";
import { getSite, type SectionConfig } from "../../site";
import { WordPressClient, WordPressHttpError, WP_MAX_PER_PAGE, type QueryValue, type WordPressClientOptions, type WpPage } from "./client";
import { buildSectionTree, decodeText, mapPage, mapPost, mapStatus, mapUser, postPlace, postTimes, sizesFromMedia, termSlug, unsizedAttachmentIds, type SectionTree } from "./map";
import { wpMe, wpMedia, wpPost, wpPostDates, wpStandingPage, wpTerm, wpUser, type WpPost } from "./schema";
import type { RenderOptions } from "../../html/pipeline";
import { renderOptionsFor } from "../../i18n/translate";
import { cacheTags } from "../../cache-tags";
import { recall, remember } from "../../resolution-cache";

/** Only the embeds an article needs (WordPress embeds every linked resource otherwise). */
const EMBED = "author,wp:featuredmedia,wp:term";
/**
 * How long an author's or tag's id read with the full lists (getAuthors, getTags) stands in for its
 * own lookup (`/users?slug=…`, termId), in the process-wide memos the webhook clears: the sitemap's
 * pages child asks one list per author and tag right after reading them.
 */
const KNOWN_ID_MS = 60_000;
/** Up to this many posts a read asks WordPress to `_embed` their authors, images and tags (posts()). */
const FEW_POSTS = 5;
/** What lastUpdated asks of each post: `content.protected` alone does not render the body. */
const LAST_UPDATED_FIELDS = "id,slug,status,date_gmt,modified_gmt,categories,masthead_kind,masthead_corrections,content.protected";
/** An object `embed` reads for a post: kept whole, checked when the post is mapped. */
const wpEmbedded = z.looseObject({ id: z.number() });
/** What preview may see: scheduled ("future"), drafts, posts pending review, private posts. */
const PREVIEW_STATUSES = "publish,future,draft,pending,private";

export interface WordPressSourceOptions extends WordPressClientOptions {
  /** site.yml's sections: they order the tree WordPress categories define. */
  sectionOrder?: SectionConfig[];
  /** How long the category tree is reused in memory (Next's data cache sits behind it). */
  taxonomyTtlMs?: number;
  /** lib/html options in the site's language (site.yml `language`). */
  render?: RenderOptions;
  warn?: (message: string) => void;
}

/** The credentials are set but WordPress does not accept them. */
export class WordPressCredentialsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "WordPressCredentialsError";
  }
}

/** A value loaded on demand and reused for a while; on a failed refresh the last value is kept. */
class Memo<T> {
  private value: { data: T; at: number } | undefined;
  private pending: Promise<T> | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly ttlMs: number,
  ) {}

  get(): Promise<T> {
    if (this.value && Date.now() - this.value.at < this.ttlMs) return Promise.resolve(this.value.data);
    this.pending ??= this.load()
      .then(
        (data) => {
          this.value = { data, at: Date.now() };
          return data;
        },
        (error) => {
          if (this.value) return this.value.data; // WordPress is down: the last good tree will do.
          throw error;
        },
      )
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  clear(): void {
    this.value = undefined;
  }
}

export class WordPressSource implements ContentSource {
  /** Every 100 posts is a REST request (0.2 s on an idle WordPress): more is a sitemap index of months. */
  readonly sitemapSingleMax = WP_MAX_PER_PAGE;
  readonly client: WordPressClient;
  private readonly origin: string;
  private readonly sectionOrder: SectionConfig[];
  private readonly render: RenderOptions | undefined;
  private readonly warn: (message: string) => void;
  private readonly warned = new Set<string>();
  private readonly tree: Memo<SectionTree>;
  private credentials: { check: Promise<void>; retryAt: number } | undefined;
  /** False once WordPress showed it lacks the mu-plugin's old-slug support. */
  private oldSlugsSupported = true;
  /** False once WordPress showed it lacks the mu-plugin's corrections support. */
  private correctionsSupported = true;

  constructor(options: WordPressSourceOptions) {
    this.client = new WordPressClient(options);
    this.origin = new URL(this.client.baseUrl).origin;
    this.sectionOrder = options.sectionOrder ?? [];
    this.render = options.render;
    this.warn = options.warn ?? ((message) => console.warn(`[wordpress] ${message}`));
    this.tree = new Memo(async () => {
      const categories = await this.client.getAll("/categories", wpTerm, { tags: [cacheTags.sectionTree] });
      return buildSectionTree(categories, this.sectionOrder, (m) => this.warnOnce(m));
    }, options.taxonomyTtlMs ?? 15_000);
  }

  // ---- credentials ---------------------------------------------------------------------------

  /**
   * Asks WordPress who we are (GET /users/me). WordPress treats a wrong application password like
   * no password at all — an anonymous visitor, who sees no drafts — so without this check a typo
   * would make preview silently show nothing.
   */
  async verifyCredentials(): Promise<{ user: string; canPreviewOthersDrafts: boolean }> {
    if (!this.client.hasCredentials) {
      throw new WordPressCredentialsError("WORDPRESS_USER and WORDPRESS_APP_PASSWORD are not set: preview cannot read drafts or scheduled posts");
    }
    const url = this.client.url("/users/me", { context: "edit" });
    try {
      const me = await this.client.get("/users/me", wpMe, { params: { context: "edit" }, auth: true });
      return { user: me.slug, canPreviewOthersDrafts: Boolean(me.capabilities?.edit_others_posts) };
    } catch (error) {
      const http = error instanceof ContentUnavailableError && error.cause instanceof WordPressHttpError ? error.cause : undefined;
      if (http && (http.status === 401 || http.status === 403)) {
        throw new WordPressCredentialsError(
          `WordPress at ${this.client.baseUrl} rejected WORDPRESS_USER / WORDPRESS_APP_PASSWORD (GET ${url} → ${http.message}). ` +
            "WordPress treats a wrong application password as an anonymous visitor, so preview would show no drafts. " +
            "Check the user name and create a new application password (Users → Profile → Application Passwords); " +
            "WordPress accepts application passwords only over HTTPS or when WP_ENVIRONMENT_TYPE is 'local', " +
            "and a web server in front of PHP must pass the Authorization header through.",
          { cause: error },
        );
      }
      throw error;
    }
  }

  /**
   * Runs the credential check and reports the outcome in the server log. Call it at server start
   * (instrumentation.ts → checkWordPressCredentials()), outside any request: inside a static
   * render its uncached request would turn the page dynamic ("Page changed from static to dynamic").
   */
  async checkCredentialsAtStartup(): Promise<void> {
    if (!this.client.hasCredentials) {
      this.warn("WORDPRESS_USER / WORDPRESS_APP_PASSWORD are not set: preview shows published posts only");
      return;
    }
    try {
      await this.ensureCredentials();
      console.info(`[wordpress] preview credentials accepted by ${this.client.baseUrl}`);
    } catch (error) {
      console.error(`[wordpress] ${(error as Error).message}`);
    }
  }

  /** Preview reads wait for the check; a rejected password fails them with the clear message. */
  private ensureCredentials(): Promise<void> {
    if (!this.credentials || this.credentials.retryAt <= Date.now()) {
      const check = this.verifyCredentials().then((me) => {
        if (!me.canPreviewOthersDrafts) this.warnOnce(`WORDPRESS_USER "${me.user}" cannot edit others' posts: preview shows only their own drafts`);
      });
      const entry = { check, retryAt: Number.POSITIVE_INFINITY };
      // A rejected password is checked again after a minute (it may be fixed in WordPress); a
      // WordPress that could not be reached, on the next preview read.
      check.catch((error) => {
        entry.retryAt = error instanceof WordPressCredentialsError ? Date.now() + 60_000 : 0;
      });
      this.credentials = entry;
    }
    return this.credentials.check;
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

  /** One page of posts; `preview` adds drafts and scheduled posts and bypasses the cache. */
  private async posts(params: Record<string, QueryValue>, tags: string[], preview = false, cache = true): Promise<WpPage<WpPost>> {
    let auth = false;
    if (preview) {
      if (this.client.hasCredentials) {
        await this.ensureCredentials();
        auth = true;
      } else {
        this.warnOnce("preview was asked for but WORDPRESS_USER / WORDPRESS_APP_PASSWORD are not set: showing published posts only");
      }
    }
    // A few posts: WordPress's own `_embed` is one round trip. A page of them: one request per kind.
    const few = Number(params.per_page ?? 10) <= FEW_POSTS;
    const page = await this.client.getPage("/posts", wpPost, {
      params: { ...params, ...(few ? { _embed: EMBED } : {}), ...(auth ? { status: PREVIEW_STATUSES } : {}) },
      tags,
      auth,
      cache,
    });
    if (!few) await this.embed(page.items, { tags, auth, cache });
    return page;
  }

  /**
   * What `_embed` would add to each post — its author, featured image and tags — read with one
   * request per kind for the whole page, at once. WordPress answers `_embed` with an internal
   * request per post and link: 300 ms for a page of 85 posts, against 70 ms for the posts and
   * ~20 ms for each of these (docs/performance.md). Each embedded object is checked when the post
   * is mapped, as an embedded one is; a failed read fails the page, as a failed `_embed` did.
   */
  private async embed(posts: WpPost[], options: { tags: string[]; auth: boolean; cache: boolean }): Promise<void> {
    if (!posts.length) return;
    const ids = (of: (p: WpPost) => number[]) => [...new Set(posts.flatMap(of))].filter((id) => id > 0).slice(0, WP_MAX_PER_PAGE);
    const read = async (path: string, include: number[]): Promise<Map<number, unknown>> => {
      if (!include.length) return new Map();
      const page = await this.client.getPage(path, wpEmbedded, { ...options, params: { include, per_page: include.length } });
      return new Map(page.items.map((item) => [item.id, item]));
    };
    const [users, media, terms] = await Promise.all([
      read("/users", ids((p) => [p.author])),
      read("/media", ids((p) => [p.featured_media])),
      read("/tags", ids((p) => p.tags)),
    ]);
    for (const post of posts) {
      const found = (map: Map<number, unknown>, list: number[]) => list.flatMap((id) => (map.has(id) ? [map.get(id)] : []));
      post._embedded = {
        ...post._embedded,
        author: found(users, [post.author]),
        "wp:featuredmedia": found(media, post.featured_media ? [post.featured_media] : []),
        "wp:term": [found(terms, post.tags)],
      };
    }
  }

  private async articles(posts: WpPost[]): Promise<Article[]> {
    const sections = await this.sections();
    const imageSizes = await this.unsizedImageSizes(posts);
    const out: Article[] = [];
    for (const post of posts) {
      const mapped = mapPost(post, { sections, wordpressOrigin: this.origin, render: this.render, imageSizes });
      if (mapped.ok) {
        out.push(mapped.article);
        mapped.warnings.forEach((w) => this.warnOnce(w));
        // Once per article and process: embeds from unknown hosts shown as links, and the like.
        if (mapped.notice) this.warnOnce(mapped.notice);
      } else this.warnOnce(`${mapped.problem}; it is left out`);
    }
    return out;
  }

  /**
   * Body images WordPress sent without width/height get theirs from the attachments' media
   * details: one request for all the posts of a page, only when there are such images. A failure
   * costs the sizes, not the page (the images are then shown in a fixed box).
   */
  private async unsizedImageSizes(posts: WpPost[]): Promise<Map<string, { width: number; height: number }> | undefined> {
    const ids = [...new Set(posts.flatMap((p) => unsizedAttachmentIds(p.content.rendered)))].slice(0, WP_MAX_PER_PAGE);
    if (!ids.length) return undefined;
    try {
      // Tagged as the posts are: revalidating a post reads its images' sizes again.
      const tags = [...new Set(posts.map((p) => cacheTags.article(p.slug)))];
      const page = await this.client.getPage("/media", wpMedia, { params: { include: ids, per_page: ids.length }, tags });
      return sizesFromMedia(page.items);
    } catch (error) {
      this.warnOnce(`could not read the sizes of body images ${ids.join(", ")}: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async termId(taxonomy: "tags" | "users", slug: string): Promise<number | undefined> {
    if (!(taxonomy === "tags" ? isTagSlug(slug) : isSlug(slug))) return undefined;
    const known = recall<number>(`wp-id:${this.origin}:${taxonomy}:${slug}`);
    if (known !== undefined) return known;
    const tag = taxonomy === "tags" ? cacheTags.tag(slug) : cacheTags.author(slug);
    const page = await this.client.getPage(`/${taxonomy}`, taxonomy === "tags" ? wpTerm : wpUser, { params: { slug }, tags: [tag] });
    return page.items.find((item) => (taxonomy === "tags" ? termSlug(item.slug) : item.slug) === slug)?.id;
  }

  private async page(params: Record<string, QueryValue>, tags: string[], preview: boolean, page: number, perPage: number, cache = true) {
    const result = await this.posts({ ...params, page, per_page: perPage }, tags, preview, cache);
    // Past the end WordPress gives no totals: the first page has them.
    const total = result.pastEnd ? (await this.posts({ ...params, page: 1, per_page: perPage }, tags, preview, cache)).total : result.total;
    const items = (await this.articles(result.items)).filter((a) => readable(a, { preview }));
    return { items, total };
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
    const result = await this.posts({ slug, per_page: 1 }, [cacheTags.article(slug)], preview);
    const [article] = await this.articles(result.items);
    return readable(article, { preview });
  }

  /** Needs the mu-plugin (`?old_slug=`); without it WordPress ignores the parameter, which is detected. */
  async getArticleByOldSlug(oldSlug: string, options?: ReadOptions): Promise<Article | null> {
    if (!isSlug(oldSlug) || !this.oldSlugsSupported) return null;
    const preview = Boolean(options?.preview);
    const result = await this.posts({ old_slug: oldSlug, per_page: 5 }, [cacheTags.article(oldSlug)], preview);
    if (result.items.length && result.items.every((p) => p.masthead_old_slugs === undefined)) {
      this.oldSlugsSupported = false;
      this.warnOnce("WordPress lacks Masthead's mu-plugin (scripts/wordpress/mu-plugins/masthead.php): old slugs do not redirect");
      return null;
    }
    const [article] = await this.articles(result.items.filter((p) => p.masthead_old_slugs?.includes(oldSlug)));
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
      const id = await this.termId("users", query.author);
      if (id === undefined) return null;
      params.author = id;
      tags.push(cacheTags.author(query.author));
    } else if (query.tag) {
      const id = await this.termId("tags", query.tag);
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
    const { items, total } = await this.page(params, tags, preview, page, perPage);
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
      const { items, total } = await this.page(wide, tags, preview, p, WP_MAX_PER_PAGE);
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

  /** Gathers the candidates of the related-articles rule (lib/content/rules.ts#rankRelated) with a few bounded queries. */
  async getRelated(article: Article, limit = 4): Promise<ArticleSummary[]> {
    const tags = [cacheTags.lists, cacheTags.article(article.slug)];
    const fetch = async (params: Record<string, QueryValue>) => this.articles((await this.posts(params, tags)).items);
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
    const { items, total } = await this.page({ search: words.join(" "), orderby: "relevance" }, [], false, page, perPage, false);
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
    if (auth) await this.ensureCredentials();
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
    const entries = (await this.articles(posts))
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

  async reload(): Promise<void> {
    this.tree.clear();
    this.client.forget();
    this.oldSlugsSupported = true;
    this.correctionsSupported = true;
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
  });
}

/** An ISO 8601 time to the second, as WordPress's after/before take it. */
function wpDate(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
