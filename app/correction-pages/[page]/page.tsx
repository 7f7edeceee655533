import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { loadCorrectionsPage, pageNumber } from "@/lib/pages/page-data";
import { correctionsMetadata } from "@/lib/seo/metadata";
import { getSite } from "@/lib/config/site";
import { CorrectionsList } from "@/components/CorrectionsList";

// /corrections[/page/N], reached only through proxy.ts, which rewrites it to /correction-pages/<N>.
// Cached like the other listings and refreshed (tag "corrections") when a corrected article changes.
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ page: string }> };

export async function generateStaticParams() {
  return [{ page: "1" }];
}

async function load(params: Props["params"]) {
  const n = pageNumber((await params).page);
  return n === null ? null : loadCorrectionsPage(n);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const list = await load(params);
  return list ? correctionsMetadata(list.page) : {};
}

export default async function CorrectionsRoute({ params }: Props) {
  const list = await load(params);
  if (!list) notFound();
  return <CorrectionsList list={list} policyUrl={getSite().trust?.correctionsPolicy} />;
}
