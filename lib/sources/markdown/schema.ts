import { z } from "zod";
import { languageTag } from "../../config/site";
import { SLUG } from "../rules";

/** ISO 8601 date-time with an offset or Z, e.g. 2026-11-02T09:30:00+01:00 */
const isoDateTime = z
  .string({ error: (i) => (i.input === undefined ? "is required but missing" : "must be an ISO 8601 date-time string") })
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/,
    "must be ISO 8601 with a time and an offset or Z, e.g. 2026-11-02T09:30:00Z",
  )
  .refine(isRealDate, "is not a real calendar date and time");

/** Date.parse rolls 30 February over into March; a newsroom's typo should fail instead. */
function isRealDate(s: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(s);
  if (!match) return true; // the format check above has already reported it
  const [, y, m, d, hh, mm] = match.map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return (
    !Number.isNaN(Date.parse(s)) &&
    day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d && hh < 24 && mm < 60
  );
}

/** A calendar date (2026-12-03) or an ISO 8601 date-time: corrections are often dated by the day. */
const isoDateOrDateTime = z
  .string({ error: (i) => (i.input === undefined ? "is required but missing" : "must be an ISO 8601 date or date-time") })
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || isoDateTime.safeParse(s).success, "must be an ISO 8601 date (2026-12-03) or date-time with an offset")
  .refine((s) => isRealDate(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T12:00Z` : s), "is not a real calendar date");

/**
 * A date-only value means that day wherever the reader is: noon UTC lands on the same calendar day
 * in every time zone from UTC−11 to UTC+11.
 */
export function dateOrDateTimeToIso(value: string): string {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value).toISOString();
}

export const ARTICLE_KINDS = ["news", "opinion", "analysis", "review", "explainer", "obituary", "sponsored"] as const;

const stringList = z.array(z.string().min(1));
const slugList = z.array(z.string().regex(SLUG, "must be an article slug (lowercase-hyphenated)"));

export const imageSchema = z.object({
  src: z.string().min(1),
  alt: z.string({ error: "is required when image is present (describe the picture)" }).min(1, "must not be empty"),
  caption: z.string().optional(),
  credit: z.string().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});

/** The same story in another edition: `{ language, url }` with an absolute URL (hreflang). */
export const translationsSchema = z
  .array(
    z.object({
      language: languageTag,
      url: z.url({ protocol: /^https?$/, error: "must be the absolute http(s) URL of the story in that edition" }),
    }).strict(),
  )
  .default([])
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (seen.has(t.language.toLowerCase())) ctx.addIssue({ code: "custom", path: [i, "language"], message: `duplicate translation language "${t.language}"` });
      seen.add(t.language.toLowerCase());
    });
  });

export const articleFrontMatter = z
  .object({
    title: z.string({ error: "is required but missing" }).min(1, "must not be empty"),
    section: z.string({ error: "is required but missing" }).min(1),
    authors: z
      .union([z.string().transform((s) => [s]), stringList], { error: "is required: a list of author slugs" })
      .pipe(stringList.min(1, "needs at least one author")),
    publishedAt: isoDateTime,
    updatedAt: isoDateTime.optional(),
    description: z.string().optional(),
    status: z.enum(["published", "draft"]).default("published"),
    tags: stringList.default([]),
    image: imageSchema.optional(),
    related: slugList.default([]),
    redirectFrom: slugList.default([]),
    donation: z.boolean().default(true),
    checkAlso: z.boolean().default(true),
    mostRead: z.boolean().default(true),
    translations: translationsSchema,
    kind: z.enum(ARTICLE_KINDS, { error: `must be one of ${ARTICLE_KINDS.join(", ")}` }).default("news"),
    corrections: z
      .array(
        z
          .object({
            date: isoDateOrDateTime,
            text: z.string({ error: "is required: what was corrected" }).trim().min(1, "must not be empty"),
          })
          .strict(),
      )
      .default([]),
    live: z.boolean().default(false),
    liveEndedAt: isoDateTime.optional(),
    /** Mailed once to every `alerts` newsletter when it first becomes visible (issue 31). */
    alert: z.boolean().default(false),
    /** Leads the next daily briefing (issue 31). */
    briefingLead: z.boolean().default(false),
  })
  .strict()
  .superRefine((fm, ctx) => {
    if (fm.liveEndedAt && !fm.live) ctx.addIssue({ code: "custom", path: ["liveEndedAt"], message: "is only for live blogs (live: true)" });
  });

export type ArticleFrontMatter = z.infer<typeof articleFrontMatter>;

export const authorFrontMatter = z
  .object({
    name: z.string({ error: "is required but missing" }).min(1, "must not be empty"),
    role: z.string().optional(),
    avatar: z.union([z.string().min(1).transform((src) => ({ src, alt: "" })), z.object({ src: z.string().min(1), alt: z.string().default("") })]).optional(),
    links: z.array(z.object({ label: z.string().min(1), url: z.url({ protocol: /^(https?|mailto)$/ }) })).default([]),
  })
  .strict();

export type AuthorFrontMatter = z.infer<typeof authorFrontMatter>;

export const pageFrontMatter = z
  .object({
    title: z.string({ error: "is required but missing" }).min(1, "must not be empty"),
    description: z.string().optional(),
    updatedAt: isoDateTime.optional(),
    nav: z.enum(["header", "footer", "none"], { error: "must be header, footer or none" }).default("footer"),
  })
  .strict();

export const liveUpdateFrontMatter = z
  .object({
    publishedAt: isoDateTime,
    updatedAt: isoDateTime.optional(),
    title: z.string().min(1, "must not be empty").optional(),
    keyEvent: z.boolean().default(false),
    pinned: z.boolean().default(false),
    authors: z.union([z.string().transform((s) => [s]), stringList]).optional(),
    status: z.enum(["published", "draft"]).default("published"),
  })
  .strict();
