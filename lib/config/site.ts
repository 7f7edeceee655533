/**
 * Site configuration: `site.yml` in CONTENT_DIR (name, sections, donation box), with SITE_URL from
 * the environment overriding its `url`. It is read for every content source, WordPress included.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { z } from "zod";
import { ContentValidationError, type ContentProblem } from "../sources/errors";
import { zodProblems } from "../sources/zod-problems";
import { canonicalTag } from "../i18n/locale";
import { RESERVED_SECTION_SLUGS, SLUG } from "../sources/rules";
import { processSingleton, setProcessSingleton } from "./singleton.mjs";


export interface SectionConfig {
  slug: string;
  name: string;
  description?: string;
  children?: SectionConfig[];
}

const sectionSchema: z.ZodType<SectionConfig> = z.lazy(() =>
  z.object({
    slug: z
      .string()
      .regex(SLUG, "must be lowercase letters, digits and single hyphens")
      .refine((s) => !RESERVED_SECTION_SLUGS.has(s), "is reserved (it is a route of its own: authors, tags, search, api, page, feed.xml…)"),
    name: z.string().min(1),
    description: z.string().optional(),
    children: z.array(sectionSchema).optional(),
  }),
);

const providerSchema = z.object({
  label: z.string().min(1),
  url: z
    .string()
    .refine((u) => /^https:\/\//.test(u), "must be an https:// URL (placeholders {amount} and {currency} allowed)"),
});

const donationSchema = z.object({
  headline: z.string().min(1),
  message: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as USD"),
  amounts: z.array(z.number().positive()).min(1),
  providers: z.array(providerSchema).min(1),
  // Reader revenue (issue 30, lib/revenue): amounts per frequency, card payments through Stripe
  // Checkout when STRIPE_SECRET_KEY is set, an optional goal and the customer portal.
  frequencies: z
    .object({
      once: z.array(z.number().positive().max(10_000)).min(1).max(6).optional(),
      monthly: z.array(z.number().positive().max(10_000)).min(1).max(6).optional(),
      yearly: z.array(z.number().positive().max(10_000)).min(1).max(6).optional(),
    })
    .strict()
    .refine((f) => f.once || f.monthly || f.yearly, "must list the amounts of at least one of once, monthly, yearly")
    .optional(),
  defaultFrequency: z.enum(["once", "monthly", "yearly"]).optional(),
  stripe: z.boolean().optional(),
  goal: z
    .object({
      supporters: z.number().int().positive(),
      by: z.union([z.string(), z.date()]).optional().transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
    })
    .strict()
    .optional(),
  manageUrl: z.string().refine((u) => /^https:\/\//.test(u), "must be an https:// URL (Stripe's customer portal)").optional(),
});

/** A BCP 47 language tag (en, fr-CA, ar-u-nu-arab…); written back in its canonical case. */
export const languageTag = z
  .string()
  .refine((tag) => canonicalTag(tag) !== null, "must be a BCP 47 language tag such as en, fr, ar or pt-BR")
  .transform((tag) => canonicalTag(tag)!);

/** The same newsroom in another language: its language and the origin (or home URL) of that site. */
const editionSchema = z.object({
  language: languageTag,
  url: z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL of the other edition" }),
});
/** A page of this site ("/ethics") or an absolute URL. */
const trustLink = z
  .string()
  .refine((v) => /^\/(?!\/)[^\s]*$/.test(v) || /^https?:\/\/[^\s/]+/.test(v), "must be a path on this site (/ethics) or an absolute URL");

const trustSchema = z
  .object({
    publishingPrinciples: trustLink.optional(),
    correctionsPolicy: trustLink.optional(),
    ownershipFundingInfo: trustLink.optional(),
  })
  .strict();

/** A newsletter readers can sign up for (CONTENT.md "site.yml newsletters"; issue 31). */
const newsletterSchema = z
  .object({
    id: z.string().regex(SLUG, "must be lower-case letters, digits and single dashes"),
    name: z.string().min(1),
    description: z.string().default(""),
    kind: z.enum(["digest", "alerts"], { error: "must be digest or alerts" }),
    /** Daily, "HH:MM" in the site's timeZone (digests only). */
    schedule: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day such as \"07:00\"")
      .optional(),
  })
  .strict()
  .superRefine((n, ctx) => {
    if (n.kind === "digest" && !n.schedule) ctx.addIssue({ code: "custom", path: ["schedule"], message: "is required for a digest (e.g. \"07:00\")" });
    if (n.kind === "alerts" && n.schedule) ctx.addIssue({ code: "custom", path: ["schedule"], message: "is only for digests (alerts are sent when the article appears)" });
  });

const siteSchema = z.object({
  name: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  description: z.string().default(""),
  language: languageTag.default("en"),
  /** IANA time zone for dates shown to readers (Masthead extension; default UTC). */
  timeZone: z
    .string()
    .default("UTC")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as Europe/London"),
  logo: z.string().optional(),
  sections: z.array(sectionSchema).min(1),
  donation: donationSchema.optional(),
  /** Other editions (hreflang between sites, the header's language switcher). */
  editions: z
    .array(editionSchema)
    .default([])
    .superRefine((editions, ctx) => {
      const seen = new Set<string>();
      editions.forEach((e, i) => {
        const key = e.language.toLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "language"], message: `duplicate edition language "${e.language}"` });
        seen.add(key);
      });
    }),
  /** Who stands behind the site (NewsMediaOrganization in the JSON-LD). */
  trust: trustSchema.optional(),
  /** "Updated" is shown only when an article was updated at least this long after publication. */
  updatedThresholdMinutes: z.number().int().min(0).default(30),
  /** Newsletters (shown only when SMTP_URL is set). */
  newsletters: z
    .array(newsletterSchema)
    .default([])
    .superRefine((lists, ctx) => {
      const seen = new Set<string>();
      lists.forEach((n, i) => {
        if (seen.has(n.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `duplicate newsletter id "${n.id}"` });
        seen.add(n.id);
      });
    }),
});

export type DonationConfig = z.infer<typeof donationSchema>;
export type NewsletterConfig = z.infer<typeof newsletterSchema>;

export interface SiteConfig {
  name: string;
  /** Absolute origin without a trailing slash, e.g. https://harbour-ledger.example */
  url: string;
  description: string;
  language: string;
  timeZone: string;
  logo?: string;
  sections: SectionConfig[];
  donation?: DonationConfig;
  editions: Edition[];
  trust?: TrustConfig;
  updatedThresholdMinutes: number;
  newsletters: NewsletterConfig[];
}

export interface Edition {
  /** BCP 47, canonical case. */
  language: string;
  /** Home of that edition, without a trailing slash. */
  url: string;
}

export type TrustConfig = z.infer<typeof trustSchema>;

export function contentDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), process.env.CONTENT_DIR || "content");
}

/** Reads and validates site.yml; throws ContentValidationError naming the file and field. */
export function loadSiteConfig(dir: string = contentDir()): SiteConfig {
  const file = path.join(dir, "site.yml");
  const problems: ContentProblem[] = [];
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, "utf8"));
  } catch (error) {
    const message =
      error instanceof YAMLParseError
        ? `malformed YAML: ${error.message}`
        : (error as NodeJS.ErrnoException).code === "ENOENT"
          ? `missing: CONTENT_DIR (${dir}) must contain site.yml`
          : String(error);
    throw new ContentValidationError([{ file, message }]);
  }
  const result = siteSchema.safeParse(raw ?? {});
  if (!result.success) {
    problems.push(...zodProblems(file, result.error));
    throw new ContentValidationError(problems);
  }
  const site = result.data;
  const envUrl = process.env.SITE_URL?.trim();
  if (envUrl && !/^https?:\/\/[^/\s]+/.test(envUrl)) {
    throw new ContentValidationError([{ file: "environment", field: "SITE_URL", message: "must be an absolute http(s) URL" }]);
  }
  return {
    ...site,
    url: (envUrl || site.url).replace(/\/+$/, ""),
    editions: site.editions.map((e) => ({ language: e.language, url: e.url.replace(/\/+$/, "") })),
  };
}

// Process-wide, like the content source: the proxy and the page bundles share one copy, so the
// revalidation webhook's reset reaches all of them.
/** The site configuration, read once per process. */
export function getSite(): SiteConfig {
  return processSingleton("site", loadSiteConfig);
}

export function resetSiteCache(): void {
  setProcessSingleton("site", undefined);
}

/** Absolute URL on this site for a path such as "/news". */
export function absoluteUrl(pathname: string): string {
  return `${getSite().url}${pathname.startsWith("/") ? "" : "/"}${pathname}`;
}
