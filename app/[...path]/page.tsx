import type { Metadata } from "next";
import { draftMode } from "next/headers";
import { notFound, permanentRedirect } from "next/navigation";
import { resolvePath, SECTION_PAGE_SIZE } from "@/lib/routing";
import { getContentSource } from "@/lib/content/source";
import { absoluteUrl, getSite } from "@/lib/site";
import { sectionTrail } from "@/lib/breadcrumbs";
import { getI18n } from "@/lib/i18n/translate";
import { ArticlePage } from "@/components/ArticlePage";
import { PreviewBanner } from "@/components/PreviewBanner";
import { SectionPage } from "@/components/SectionPage";
import { StaticArticleFeed } from "@/components/StaticArticleFeed";
import { articleMetadata, sectionMetadata } from "@/lib/seo/metadata";
import { articleJsonLd } from "@/lib/seo/jsonld";
import { JsonLd } from "@/components/JsonLd";

// Published pages are prerendered and refreshed at most every 60 s (scheduled articles appear
// within that bound); anything not prerendered is rendered on first request, then cached.
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ path: string[] }> };

export async function generateStaticParams(): Promise<{ path: string[] }[]> {
  const source = getContentSource();
  const paths: { path: string[] }[] = [];
  const latest = await source.listArticles({ page: 1, perPage: 50 });
  for (let page = 1; page <= Math.min(latest.totalPages, 4); page++) { // only the newest 4 × 50 = 200 articles are prerendered; older ones render on first request, then are cached (docs/performance.md)
    const list = page === 1 ? latest : await source.listArticles({ page, perPage: 50 });
    for (const a of list.items) paths.push({ path: a.url.slice(1).split("/") });
  }
  return paths;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { path } = await params;
  const { isEnabled: preview } = await draftMode();
  const resolved = await resolvePath(path, { preview });
  if (resolved.kind === "article") return articleMetadata(resolved.article, { preview });
  if (resolved.kind === "section") return sectionMetadata(resolved.section, resolved.page);
  return {};
}

export default async function CatchAllPage({ params }: Props) {
  const { path } = await params;
  const { isEnabled: preview } = await draftMode();
  const resolved = await resolvePath(path, { preview });
  const source = getContentSource();

  switch (resolved.kind) {
    case "redirect":
      permanentRedirect(resolved.to);
    case "notFound":
      notFound();
    case "section": {
      return (
        <SectionPage section={resolved.section} trail={await sectionTrail(resolved.section)} page={resolved.page}>
          <StaticArticleFeed
            filter={{ section: resolved.section.path }}
            page={resolved.page}
            perPage={SECTION_PAGE_SIZE}
            basePath={`/${resolved.section.path}`}
            emptyText={getI18n().t("section.empty")}
          />
        </SectionPage>
      );
    }
    case "article": {
      const { article } = resolved;
      const [trail, related] = await Promise.all([sectionTrail(article.section), source.getRelated(article, 4)]);
      return (
        <>
          <JsonLd data={articleJsonLd(article, trail, getSite())} />
          <ArticlePage
            article={article}
            trail={trail}
            related={related}
            donation={getSite().donation}
            absoluteUrl={absoluteUrl(article.url)}
            banner={preview ? <PreviewBanner article={article} /> : undefined}
          />
        </>
      );
    }
  }
}
