import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSite, absoluteUrl } from "@/lib/config/site";
import { pageNumber } from "@/lib/pages/page-data";
import { loadLivePage, prerenderedLiveSlugs } from "@/lib/pages/live-page";
import { liveMetadata } from "@/lib/live/metadata";
import { liveJsonLd } from "@/lib/seo/live-page-jsonld";
import { LiveBlogPage } from "@/components/LiveBlogPage";
import { PreviewBanner } from "@/components/PreviewBanner";
import { JsonLd } from "@/components/JsonLd";

// Live blogs, reached only through proxy.ts, which rewrites /<section path>/<slug>[/page/N] here
// (lib/request/routing.ts). A route of their own, so the article route never loads the live island's
// JavaScript. Re-rendered at most every 2 s: the front page's shared lifetime is 5 s
// (LIVE_S_MAXAGE), and Next must not hold a render longer than that (docs/decisions/0101).
export const revalidate = 2;
export const dynamicParams = true;

type Props = { params: Promise<{ slug: string; page: string }> };

export async function generateStaticParams() {
  return (await prerenderedLiveSlugs()).map((slug) => ({ slug, page: "1" }));
}

async function load(params: Props["params"]) {
  const { slug, page } = await params;
  const n = pageNumber(page);
  return n ? loadLivePage(slug, n) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load(params);
  return data ? liveMetadata(data) : {};
}

export default async function LiveRoute({ params }: Props) {
  const data = await load(params);
  if (!data) notFound();
  const site = getSite();
  return (
    <>
      <JsonLd data={liveJsonLd(data, site)} />
      <LiveBlogPage
        data={data}
        donation={site.donation}
        absoluteUrl={absoluteUrl(data.article.url)}
        banner={data.preview ? <PreviewBanner article={data.article} /> : undefined}
      />
    </>
  );
}
