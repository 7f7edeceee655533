/**
 * What changed, as every way of publishing names it: the webhook's JSON body, a file of the content
 * folder (lib/publishing/files.ts), the scheduler's article whose time came, a message from another
 * instance. One schema, so each way is checked by the same rules.
 */
import { z } from "zod";
import { SECTION_PATH, SLUG, TAG_SLUG } from "../sources/rules";

const slug = z.string().max(200).regex(SLUG, "must be a slug (lowercase letters, digits, hyphens)");

export const changeSchema = z
  .object({
    slug: slug.optional(),
    section: z.string().max(400).regex(SECTION_PATH, "must be a section path such as news/world-news").optional(),
    author: slug.optional(),
    tag: z.string().max(200).regex(TAG_SLUG, "must be a tag slug").optional(),
    page: slug.optional(),
    all: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "name what changed: slug, section, author, tag, page or all");

export type Change = z.infer<typeof changeSchema>;

/** "article harbour-bridge-reopens", "page about, author jane-doe", "everything". */
export function describeChange(change: Change): string {
  const parts: string[] = [];
  if (change.all) parts.push("everything");
  if (change.slug) parts.push(`article ${change.slug}`);
  if (change.page) parts.push(`page ${change.page}`);
  if (change.section) parts.push(`section ${change.section}`);
  if (change.author) parts.push(`author ${change.author}`);
  if (change.tag) parts.push(`tag ${change.tag}`);
  return parts.join(", ");
}
