/**
 * Reading posts from WordPress for the source (source.ts): a page of them with their authors, images
 * and tags (embedded by WordPress for a few, read in one request per kind for more), mapped to
 * articles (map.ts) with the sizes of unsized body images, and ids of terms and users by slug.
 */
import { z } from "zod";
import type { Article } from "../types";
import { isSlug, isTagSlug, readable } from "../rules";
import type { RenderOptions } from "../../html/pipeline";
import { cacheTags } from "../../request/cache-tags";
import { recall } from "../../request/resolution-cache";
import { WP_MAX_PER_PAGE, type QueryValue, type WordPressClient, type WpPage } from "./client";
import { mapPost, sizesFromMedia, termSlug, unsizedAttachmentIds, type SectionTree } from "./map";
import { wpMedia, wpPost, wpTerm, wpUser, type WpPost } from "./schema";
import type { PreviewCredentials } from "./credentials";

/** Only the embeds an article needs (WordPress embeds every linked resource otherwise). */
export const EMBED = "author,wp:featuredmedia,wp:term";
/** Up to this many posts a read asks WordPress to `_embed` their authors, images and tags (posts()). */
const FEW_POSTS = 5;
/** An object `embed` reads for a post: kept whole, checked when the post is mapped. */
const wpEmbedded = z.looseObject({ id: z.number() });
/** What preview may see: scheduled ("future"), drafts, posts pending review, private posts. */
export const PREVIEW_STATUSES = "publish,future,draft,pending,private";

export class PostReader {
  constructor(
    private readonly client: WordPressClient,
    private readonly credentials: PreviewCredentials,
    private readonly sections: () => Promise<SectionTree>,
    private readonly origin: string,
    private readonly render: RenderOptions | undefined,
    private readonly warnOnce: (message: string) => void,
  ) {}

  /** One page of posts; `preview` adds drafts and scheduled posts and bypasses the cache. */
  async posts(params: Record<string, QueryValue>, tags: string[], preview = false, cache = true): Promise<WpPage<WpPost>> {
    let auth = false;
    if (preview) {
      if (this.client.hasCredentials) {
        await this.credentials.ensure();
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
  async embed(posts: WpPost[], options: { tags: string[]; auth: boolean; cache: boolean }): Promise<void> {
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

  async articles(posts: WpPost[]): Promise<Article[]> {
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
  async unsizedImageSizes(posts: WpPost[]): Promise<Map<string, { width: number; height: number }> | undefined> {
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

  async termId(taxonomy: "tags" | "users", slug: string): Promise<number | undefined> {
    if (!(taxonomy === "tags" ? isTagSlug(slug) : isSlug(slug))) return undefined;
    const known = recall<number>(`wp-id:${this.origin}:${taxonomy}:${slug}`);
    if (known !== undefined) return known;
    const tag = taxonomy === "tags" ? cacheTags.tag(slug) : cacheTags.author(slug);
    const page = await this.client.getPage(`/${taxonomy}`, taxonomy === "tags" ? wpTerm : wpUser, { params: { slug }, tags: [tag] });
    return page.items.find((item) => (taxonomy === "tags" ? termSlug(item.slug) : item.slug) === slug)?.id;
  }

  async page(params: Record<string, QueryValue>, tags: string[], preview: boolean, page: number, perPage: number, cache = true) {
    const result = await this.posts({ ...params, page, per_page: perPage }, tags, preview, cache);
    // Past the end WordPress gives no totals: the first page has them.
    const total = result.pastEnd ? (await this.posts({ ...params, page: 1, per_page: perPage }, tags, preview, cache)).total : result.total;
    const items = (await this.articles(result.items)).filter((a) => readable(a, { preview }));
    return { items, total };
  }
}
