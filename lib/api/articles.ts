/**
 * The JSON API behind the client islands (and anyone else): parameters validated with zod, only
 * visible articles, cards ready to render. The server pages prefetch through the same functions,
 * so what the islands fetch and what the server dehydrates are identical.
 */
import { z } from "zod";
import { getContentSource } from "../sources/source";
import type { ArticleSummary, Page } from "../sources/types";
import { toCard, type CardData } from "../pages/cards";
import { highlightTerms, parseSearch } from "../sources/search-query";
import { PAGE_NUMBER, SECTION_PATH, SLUG, TAG_SLUG } from "../sources/rules";

import { DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_LENGTH } from "./limits";

export { DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_LENGTH, SEARCH_LIMIT } from "./limits";


/** One value per parameter: `?section=a&section=b` or `section[]=` is refused, not guessed at. */
export function single(name: string) {
  return z
    .array(z.string())
    .max(1, `may be given only once (got several "${name}")`)
    .optional()
    .transform((v) => v?.[0]);
}

const cursor = single("cursor").pipe(z.string().regex(PAGE_NUMBER, "must be a page number such as 2").optional());
const limit = single("limit").pipe(
  z
    .string()
    .regex(/^[0-9]{1,4}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1, "must be at least 1").max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`))
    .optional(),
);

const articlesParams = z
  .object({
    section: single("section").pipe(z.string().max(200).regex(SECTION_PATH, "must be a section path such as news/world-news").optional()),
    author: single("author").pipe(z.string().max(100).regex(SLUG, "must be an author slug").optional()),
    tag: single("tag").pipe(z.string().max(100).regex(TAG_SLUG, "must be a tag slug").optional()),
    cursor,
    limit,
  })
  .strict()
  .refine((p) => [p.section, p.author, p.tag].filter(Boolean).length <= 1, { message: "give at most one of section, author, tag", path: ["section"] });

const searchParams = z
  .object({
    q: single("q").pipe(
      z
        .string({ error: "is required, e.g. ?q=harbour" })
        .max(MAX_QUERY_LENGTH, `is too long (at most ${MAX_QUERY_LENGTH} characters)`)
        .refine((q) => q.trim().length > 0, "must not be empty"),
    ),
    cursor,
    limit,
  })
  .strict();

export type ArticlesQuery = z.infer<typeof articlesParams>;
export type SearchParamsQuery = z.infer<typeof searchParams>;

export class ParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Every value of every parameter, by name, in an object without a prototype: a parameter named
 * `constructor`, `toString` or `__proto__` is then just an unknown key (400), not a property of
 * Object.prototype (a TypeError, a 500, or a silently ignored `__proto__`).
 */
export function collectParams(params: URLSearchParams): Record<string, string[]> {
  const out = Object.create(null) as Record<string, string[]>;
  for (const [key, value] of params) {
    if (Object.hasOwn(out, key)) out[key].push(value);
    else out[key] = [value];
  }
  return out;
}

function parse<T>(schema: z.ZodType<T>, params: URLSearchParams): T {
  const result = schema.safeParse(collectParams(params));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const parameter = issue.code === "unrecognized_keys" ? issue.keys[0] : String(issue.path[0] ?? "query");
  const message = issue.code === "unrecognized_keys" ? `unknown parameter "${issue.keys[0]}"` : `"${parameter}" ${issue.message}`;
  throw new ParameterError(parameter, message);
}

export const parseArticlesQuery = (params: URLSearchParams) => parse(articlesParams, params);
export const parseSearchQuery = (params: URLSearchParams) => parse(searchParams, params);

export interface CardPage {
  items: CardData[];
  page: number;
  totalPages: number;
  total: number;
  /** More than `total` match; `total` are listed (a search of a large archive: docs/decisions/0083). */
  totalCapped?: boolean;
  /** The cursor for the next page, or null at the end. */
  nextCursor: string | null;
}

export type ArticlesFilter = Pick<ArticlesQuery, "section" | "author" | "tag">;

export class UnknownFilterError extends Error {}

export async function articlesPage(filter: ArticlesFilter, page = 1, perPage = DEFAULT_LIMIT): Promise<CardPage> {
  const source = getContentSource();
  if (filter.section && !(await source.getSection(filter.section))) throw new UnknownFilterError(`No section "${filter.section}".`);
  if (filter.author && !(await source.getAuthor(filter.author))) throw new UnknownFilterError(`No author "${filter.author}".`);
  if (filter.tag && !(await source.getTag(filter.tag))) throw new UnknownFilterError(`No tag "${filter.tag}".`);
  return listCards(filter, page, perPage);
}

/** One page of cards for a filter already known to exist (the pages' loaders resolved it). */
export async function listCards(filter: ArticlesFilter, page: number, perPage: number): Promise<CardPage> {
  return toCardPage(await getContentSource().listArticles({ ...filter, page, perPage }));
}

function toCardPage(list: Page<ArticleSummary>): CardPage {
  return {
    items: list.items.map((a) => toCard(a)),
    page: list.page,
    totalPages: list.totalPages,
    total: list.total,
    ...(list.totalCapped ? { totalCapped: true } : {}),
    nextCursor: list.page < list.totalPages ? String(list.page + 1) : null,
  };
}

export async function searchPage(q: string, page = 1, perPage = DEFAULT_LIMIT): Promise<CardPage & { terms: string[] }> {
  // The terms as the search understood them (phrases whole), so the results mark what matched.
  return { ...toCardPage(await getContentSource().search({ q, page, perPage })), terms: highlightTerms(parseSearch(q)) };
}
