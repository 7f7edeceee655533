import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { getContentSource } from "@/lib/content/source";
import { getSite } from "@/lib/site";
import { listingMetadata } from "@/lib/seo/metadata";
import { LISTING_PAGE_SIZE, resolveListing } from "@/lib/routing";
import { ListingPage } from "@/components/ListingPage";
import { getI18n } from "@/lib/i18n/translate";
import { homeCrumb } from "@/lib/breadcrumbs";


export async function tagMetadata(slug: string, pageParam?: string): Promise<Metadata> {
  const resolved = await resolveListing("tags", slug, pageParam);
  const tag = resolved.kind === "ok" ? await getContentSource().getTag(slug) : null;
  if (resolved.kind !== "ok" || !tag) return {};
  const page = resolved.page;
  return listingMetadata({
    title: `${tag.name}`,
    description: getI18n().t("tag.description", { tag: tag.name, siteName: getSite().name }),
    basePath: `/tags/${slug}`,
    page,
  });
}

export async function TagListing({ slug, pageParam }: { slug: string; pageParam?: string }) {
  const resolved = await resolveListing("tags", slug, pageParam);
  if (resolved.kind === "redirect") permanentRedirect(resolved.to);
  // A tag whose articles are all drafts or scheduled does not exist for readers (resolveListing).
  const tag = resolved.kind === "ok" ? await getContentSource().getTag(slug) : null;
  if (resolved.kind !== "ok" || !tag) notFound();
  const list = await getContentSource().listArticles({ tag: slug, perPage: 1 });
  const { t } = getI18n();
  const heading = t("tag.heading", { tag: tag.name });
  return (
    <ListingPage
      trail={[homeCrumb(), { name: heading }]}
      title={heading}
      basePath={`/tags/${slug}`}
      filter={{ tag: slug }}
      page={resolved.page}
      perPage={LISTING_PAGE_SIZE}
      intro={<p className="mt-2 text-muted">{t("tag.count", { count: list.total })}</p>}
    />
  );
}
