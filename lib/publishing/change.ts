/**
 * What changed, as every way of publishing names it: the webhook's JSON body, a file of the content
 * folder (lib/publishing/files.ts), the scheduler's article whose time came, a message from another
 * instance. One schema, so each way is checked by the same rules.
 */
import { z } from "zod";
import { SECTION_PATH, SLUG, TAG_SLUG } from "../sources/rules";

const slug = z.string().max(200).regex(SLUG, "must be a slug (lowercase letters, digits, hyphens)");

const changeFields = z.object({
  slug: slug.optional(),
  section: z.string().max(400).regex(SECTION_PATH, "must be a section path such as news/world-news").optional(),
  author: slug.optional(),
  tag: z.string().max(200).regex(TAG_SLUG, "must be a tag slug").optional(),
  page: slug.optional(),
  all: z.literal(true).optional(),
});
const NAME_WHAT_CHANGED = "name what changed: slug, section, author, tag, page or all";
const namesSomething = (b: Record<string, unknown>) => Object.keys(b).some((key) => key !== "commit");

export const changeSchema = changeFields.strict().refine(namesSomething, NAME_WHAT_CHANGED);

export type Change = z.infer<typeof changeSchema>;

/** A full commit id (SHA-1). Abbreviated ids are refused: they could name another commit tomorrow. */
export const COMMIT_ID = /^[0-9a-f]{40}$/;

/**
 * A full git commit id, lowercase (content on several machines: lib/publishing/content-git.ts).
 * Any other spelling is refused before git sees it.
 */
export const commitSchema = z.string().regex(COMMIT_ID, "must be a full commit id: 40 lowercase hexadecimal digits");

/**
 * The webhook's body: what changed and, optionally, the commit of the content repository that holds
 * the change — every instance brings its own clone to it before reloading (docs/decisions/0210).
 */
export const webhookSchema = changeFields.extend({ commit: commitSchema.optional() }).strict().refine(namesSomething, NAME_WHAT_CHANGED);

/** Splits a webhook body into the change and its commit. */
export function splitCommit(body: z.infer<typeof webhookSchema>): { change: Change; commit?: string } {
  const { commit, ...change } = body;
  return { change, commit };
}

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
