import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getContentSource } from "@/lib/sources/source";
import { loadStandingPage } from "@/lib/pages/page-data";
import { standingPageMetadata } from "@/lib/seo/metadata";
import { standingPageJsonLd } from "@/lib/seo/jsonld";
import { getSite } from "@/lib/config/site";
import { homeCrumb } from "@/lib/pages/breadcrumbs";
import { StandingPage } from "@/components/StandingPage";
import { PreviewBanner } from "@/components/PreviewBanner";
import { JsonLd } from "@/components/JsonLd";

// Standing pages (About, Ethics…), reached only through proxy.ts, which rewrites /<slug> here once it
// has resolved the URL to a page (lib/request/routing.ts). Prerendered, then refreshed by the webhook
// ({"page": "<slug>"}) or after 60 s.
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  return (await getContentSource().getPages()).map((p) => ({ slug: p.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await loadStandingPage((await params).slug);
  return data ? standingPageMetadata(data.page, { preview: data.preview }) : {};
}

export default async function StandingPageRoute({ params }: Props) {
  const data = await loadStandingPage((await params).slug);
  if (!data) notFound();
  return (
    <>
      <JsonLd data={standingPageJsonLd(data.page, getSite(), [homeCrumb()])} />
      <StandingPage page={data.page} banner={data.preview ? <PreviewBanner article={data.page} kind="page" /> : undefined} />
    </>
  );
}
