import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSite, absoluteUrl } from "@/lib/config/site";
import { loadArticlePage, prerenderedArticleSlugs } from "@/lib/pages/page-data";
import { articleMetadata } from "@/lib/seo/metadata";
import { articleJsonLd } from "@/lib/seo/jsonld";
import { ArticlePage } from "@/components/ArticlePage";
import { PreviewBanner } from "@/components/PreviewBanner";
import { JsonLd } from "@/components/JsonLd";
import { MostRead } from "@/components/audience/MostRead";
import { AudienceBeacon } from "@/components/audience/AudienceBeacon.client";

// Articles, reached only through proxy.ts, which rewrites /<section path>/<slug> here once it has
// resolved the URL (lib/request/routing.ts). Prerendered for the newest, on first request for the rest,
// then cached and refreshed by the revalidation webhook or after 60 s.
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  return (await prerenderedArticleSlugs()).map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await loadArticlePage((await params).slug);
  return data ? articleMetadata(data.article, { preview: data.preview }) : {};
}

export default async function ArticleRoute({ params }: Props) {
  const data = await loadArticlePage((await params).slug);
  if (!data) notFound();
  const site = getSite();
  return (
    <>
      <JsonLd data={articleJsonLd(data.article, data.trail, site)} />
      <ArticlePage
        article={data.article}
        trail={data.trail}
        related={data.related}
        donation={site.donation}
        absoluteUrl={absoluteUrl(data.article.url)}
        banner={data.preview ? <PreviewBanner article={data.article} /> : undefined}
      />
      <MostRead limit={5} exclude={data.article.slug} variant="column" />
      {!data.preview && <AudienceBeacon pageType="article" slug={data.article.slug} storyEndId="article-end" />}
    </>
  );
}
