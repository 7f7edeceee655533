import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadTagPage, pageNumber } from "@/lib/pages/page-data";
import { tagMetadata } from "@/lib/seo/metadata";
import { tagPath } from "@/lib/request/paths";
import { ListingPage } from "@/components/ListingPage";
import { ArticleFeed } from "@/components/ArticleFeed";
import { getI18n } from "@/lib/i18n/translate";
import { homeCrumb } from "@/lib/pages/breadcrumbs";

// Tag pages, reached only through proxy.ts: /tags/<slug>[/page/N] → /tag-pages/<slug>/<N>. Rendered
// on first request, then cached like the other listings.
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ slug: string; page: string }> };

export async function generateStaticParams(): Promise<{ slug: string; page: string }[]> {
  return [];
}

async function load(params: Props["params"]) {
  const { slug, page } = await params;
  const n = pageNumber(page);
  return n === null ? null : loadTagPage(decodeURIComponent(slug), n);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load(params);
  return data ? tagMetadata(data.subject, data.page) : {};
}

export default async function TagRoute({ params }: Props) {
  const data = await load(params);
  if (!data) notFound();
  const tag = data.subject;
  const { t } = getI18n();
  const heading = t("tag.heading", { tag: tag.name });
  return (
    <ListingPage
      trail={[homeCrumb(), { name: heading }]}
      title={heading}
      page={data.page}
      intro={<p className="mt-2 text-muted">{t("tag.count", { count: data.list.total })}</p>}
    >
      <ArticleFeed filter={{ tag: tag.slug }} list={data.list} perPage={data.perPage} basePath={tagPath(tag.slug)} />
    </ListingPage>
  );
}
