import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { getContentSource } from "@/lib/content/source";
import { getSite } from "@/lib/site";
import { listingMetadata } from "@/lib/seo/metadata";
import { LISTING_PAGE_SIZE, resolveListing } from "@/lib/routing";
import { ListingPage } from "@/components/ListingPage";
import { AuthorAvatar } from "@/components/AuthorBio";
import { getI18n } from "@/lib/i18n/translate";
import { homeCrumb } from "@/lib/breadcrumbs";

async function load(slug: string, pageParam?: string) {
  const resolved = await resolveListing("authors", slug, pageParam);
  if (resolved.kind === "redirect") permanentRedirect(resolved.to);
  const author = resolved.kind === "ok" ? await getContentSource().getAuthor(slug) : null;
  if (resolved.kind !== "ok" || !author) notFound();
  return { author, page: resolved.page };
}

export async function authorMetadata(slug: string, pageParam?: string): Promise<Metadata> {
  const resolved = await resolveListing("authors", slug, pageParam);
  const author = resolved.kind === "ok" ? await getContentSource().getAuthor(slug) : null;
  if (resolved.kind !== "ok" || !author) return {};
  const page = resolved.page;
  const site = getSite();
  const { t } = getI18n();
  return listingMetadata({
    title: author.name,
    description: author.role
      ? t("author.descriptionWithRole", { role: author.role, name: author.name, siteName: site.name })
      : t("author.description", { name: author.name, siteName: site.name }),
    basePath: `/authors/${slug}`,
    page,
    feed: { url: `/authors/${slug}/feed.xml`, title: t("feed.title", { name: author.name, siteName: site.name }) },
  });
}

export async function AuthorListing({ slug, pageParam }: { slug: string; pageParam?: string }) {
  const { author, page } = await load(slug, pageParam);
  return (
    <ListingPage
      trail={[homeCrumb(), { name: author.name }]}
      title={author.name}
      basePath={`/authors/${slug}`}
      filter={{ author: slug }}
      page={page}
      perPage={LISTING_PAGE_SIZE}
      intro={
        <div className="mt-4 flex gap-4">
          <AuthorAvatar author={author} size={80} />
          <div>
            {author.role && <p className="font-semibold text-muted">{author.role}</p>}
            {author.bio && <div className="prose mt-2 max-w-none" dangerouslySetInnerHTML={{ __html: author.bio }} />}
            {author.links.length > 0 && (
              <ul className="mt-2 flex flex-wrap gap-4 text-sm">
                {author.links.map((l) => (
                  <li key={l.url}>
                    <a href={l.url} rel="me noopener" className="text-accent hover:underline">
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      }
    />
  );
}
