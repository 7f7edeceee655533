/**
 * The parts of WordPress REST API responses (/wp-json/wp/v2) that Masthead reads, validated with
 * zod: a proxy's HTML error page or a plugin that mangles JSON is reported as "WordPress answered
 * garbage", never as a crash deep inside a page. Unknown fields are allowed (WordPress and its
 * plugins add many).
 */
import { z } from "zod";

const rendered = z.looseObject({ rendered: z.string() });

export const wpTerm = z.looseObject({
  id: z.number(),
  name: z.string(),
  slug: z.string(),
  description: z.string().optional(),
  parent: z.number().optional(),
  count: z.number().optional(),
  taxonomy: z.string().optional(),
});
export type WpTerm = z.infer<typeof wpTerm>;

export const wpUser = z.looseObject({
  id: z.number(),
  name: z.string(),
  slug: z.string(),
  description: z.string().optional().default(""),
  url: z.string().optional().default(""),
  avatar_urls: z.record(z.string(), z.string()).optional(),
});
export type WpUser = z.infer<typeof wpUser>;

const wpSize = z.looseObject({ width: z.number(), height: z.number(), source_url: z.string() });

export const wpMedia = z.looseObject({
  id: z.number(),
  source_url: z.string(),
  alt_text: z.string().optional().default(""),
  caption: rendered.optional(),
  media_type: z.string().optional(),
  media_details: z
    .looseObject({
      width: z.number().optional(),
      height: z.number().optional(),
      sizes: z.record(z.string(), wpSize).optional(),
      image_meta: z.looseObject({ credit: z.string().optional() }).optional(),
    })
    .optional(),
});
export type WpMedia = z.infer<typeof wpMedia>;

export const wpPost = z.looseObject({
  id: z.number(),
  slug: z.string(),
  status: z.string(),
  date_gmt: z.string().nullable().optional(),
  modified_gmt: z.string().nullable().optional(),
  title: rendered,
  content: z.looseObject({ rendered: z.string(), protected: z.boolean().optional() }),
  excerpt: rendered.optional(),
  author: z.number(),
  categories: z.array(z.number()).default([]),
  tags: z.array(z.number()).default([]),
  featured_media: z.number().optional().default(0),
  /** From Masthead's mu-plugin (scripts/wordpress/mu-plugins/masthead.php); absent without it. */
  masthead_old_slugs: z.array(z.string()).optional(),
  masthead_related: z.array(z.string()).optional(),
  /** Kind of work and dated corrections (post meta, from the mu-plugin); checked when mapped. */
  masthead_kind: z.string().optional(),
  masthead_corrections: z.array(z.unknown()).optional(),
  // Embedded resources are checked one by one when mapped: WordPress embeds an error object in
  // place of a resource the caller may not read, and one bad embed must not drop the post.
  _embedded: z
    .looseObject({
      author: z.array(z.unknown()).optional(),
      "wp:featuredmedia": z.array(z.unknown()).optional(),
      "wp:term": z.array(z.array(z.unknown())).optional(),
    })
    .optional(),
});
export type WpPost = z.infer<typeof wpPost>;

/** A post asked with `_fields` for its dates (WordPressSource.lastUpdated). */
export const wpPostDates = wpPost
  .pick({ id: true, slug: true, status: true, date_gmt: true, modified_gmt: true, categories: true, masthead_kind: true, masthead_corrections: true })
  .extend({ content: z.looseObject({ protected: z.boolean().optional() }).optional() });
export type WpPostDates = z.infer<typeof wpPostDates>;

/** A WordPress page (/wp/v2/pages): a standing page when it is top-level. */
export const wpStandingPage = z.looseObject({
  id: z.number(),
  slug: z.string(),
  status: z.string(),
  parent: z.number().optional().default(0),
  modified_gmt: z.string().nullable().optional(),
  title: rendered,
  content: z.looseObject({ rendered: z.string(), protected: z.boolean().optional() }),
  /** From the mu-plugin: header, footer or none (post meta masthead_nav); absent without it. */
  masthead_nav: z.string().optional(),
});
export type WpStandingPage = z.infer<typeof wpStandingPage>;

/** The body of a WordPress REST error: {code, message, data: {status}}. */
export const wpError = z.looseObject({ code: z.string(), message: z.string().optional() });

/** /users/me with context=edit: enough to tell who we are and whether we may read others' drafts. */
export const wpMe = z.looseObject({
  id: z.number(),
  slug: z.string(),
  capabilities: z.record(z.string(), z.boolean()).optional(),
});
