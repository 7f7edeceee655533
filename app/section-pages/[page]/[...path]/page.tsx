import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { allSectionPaths, loadSectionPage, pageNumber } from "@/lib/pages/page-data";
import { sectionMetadata } from "@/lib/seo/metadata";
import { SectionPage } from "@/components/SectionPage";
import { MostRead } from "@/components/audience/MostRead";
import { AudienceBeacon } from "@/components/audience/AudienceBeacon.client";

// Section pages, reached only through proxy.ts, which rewrites /<section path>[/page/N] to
// /section-pages/<N>/<section path>. A route of their own keeps the "Load more" island (and React
// Query) out of the article route (docs/decisions/0006).
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ page: string; path: string[] }> };

export async function generateStaticParams() {
  return (await allSectionPaths()).map((path) => ({ page: "1", path: path.split("/") }));
}

async function load(params: Props["params"]) {
  const { page, path } = await params;
  const n = pageNumber(page);
  return n === null ? null : loadSectionPage(path.join("/"), n);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load(params);
  return data ? sectionMetadata(data.subject, data.page) : {};
}

export default async function SectionRoute({ params }: Props) {
  const data = await load(params);
  if (!data) notFound();
  return (
    <>
      <SectionPage section={data.subject} trail={data.trail} list={data.list} perPage={data.perPage} />
      {data.page === 1 && <MostRead section={data.subject} />}
      <AudienceBeacon pageType="section" />
    </>
  );
}
