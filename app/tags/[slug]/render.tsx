import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { getContentSource } from "@/lib/content/source";
import { getSite } from "@/lib/site";
import { listingMetadata } from "@/lib/seo/metadata";
import { LISTING_PAGE_SIZE, resolveListing } from "@/lib/routing";
import { ListingPage } from "@/components/ListingPage";


export async function tagMetadata(slug: string, pageParam?: string): Promise<Metadata> {
  const resolved = await resolveListing("tags", slug, pageParam);
  const tag = resolved.kind === "ok" ? await getContentSource().getTag(slug) : null;
  if (resolved.kind !== "ok" || !tag) return {};
  const page = resolved.page;
  return listingMetadata({
    title: `${tag.name}`,
    description: `Articles tagged “${tag.name}” in ${getSite().name}.`,
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
  return (
    <ListingPage
      trail={[{ name: "Home", href: "/" }, { name: `Tag: ${tag.name}` }]}
      title={`Tag: ${tag.name}`}
      basePath={`/tags/${slug}`}
      filter={{ tag: slug }}
      page={resolved.page}
      perPage={LISTING_PAGE_SIZE}
      intro={<p className="mt-2 text-muted">{list.total} article{list.total === 1 ? "" : "s"}</p>}
    />
  );
}
