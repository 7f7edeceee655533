/**
 * The opening of the pages a reader reaches by the signed link of an email (preferences,
 * unsubscribe): 404 without newsletters, the link-invalid page for a missing or forged token.
 */
import { notFound, redirect } from "next/navigation";
import { newsletterLists, type NewsletterConfig } from "./config";
import { readerOfToken } from "./http";
import type { Store } from "../store";

export type ReaderPageQuery = Record<string, string | string[] | undefined>;

export async function openReaderPage(searchParams: Promise<ReaderPageQuery>): Promise<{ lists: NewsletterConfig[]; query: ReaderPageQuery; token: string; store: Store; id: string }> {
  const lists = newsletterLists();
  if (lists.length === 0) notFound();
  const query = await searchParams;
  const token = typeof query.token === "string" ? query.token : "";
  const reader = await readerOfToken(token);
  if (!reader) redirect("/newsletters/link-invalid");
  return { lists, query, token, ...reader };
}
