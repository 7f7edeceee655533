import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { getContentSource } from "@/lib/content/source";
import { getSite } from "@/lib/site";
import { listingMetadata } from "@/lib/seo/metadata";
import { parsePageParam } from "@/lib/listing-params";
import { ListingPage } from "@/components/ListingPage";

const PER_PAGE = 12;

export async function tagMetadata(slug: string, pageParam?: string): Promise<Metadata> {
  const page = parsePageParam(pageParam);
  const tag = page === null ? null : await getContentSource().getTag(slug);
  if (!tag || page === null) return {};
  return listingMetadata({
    title: `${tag.name}`,
    description: `Articles tagged “${tag.name}” in ${getSite().name}.`,
    basePath: `/tags/${slug}`,
    page,
  });
}

export async function TagListing({ slug, pageParam }: { slug: string; pageParam?: string }) {
  const page = parsePageParam(pageParam);
  const tag = page === null ? null : await getContentSource().getTag(slug);
  if (!tag || page === null) notFound();
  if (pageParam === "1") permanentRedirect(`/tags/${slug}`);
  const list = await getContentSource().listArticles({ tag: slug, page, perPage: PER_PAGE });
  // A tag whose articles are all drafts or scheduled does not exist for readers.
  if (list.total === 0 || page > list.totalPages) notFound();
  return (
    <ListingPage
      trail={[{ name: "Home", href: "/" }, { name: `Tag: ${tag.name}` }]}
      title={`Tag: ${tag.name}`}
      basePath={`/tags/${slug}`}
      list={list}
      intro={<p className="mt-2 text-muted">{list.total} article{list.total === 1 ? "" : "s"}</p>}
    />
  );
}
