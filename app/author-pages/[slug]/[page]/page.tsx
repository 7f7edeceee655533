import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getContentSource } from "@/lib/sources/source";
import { loadAuthorPage, pageNumber } from "@/lib/pages/page-data";
import { authorMetadata } from "@/lib/seo/metadata";
import { authorPath } from "@/lib/request/paths";
import { ListingPage } from "@/components/ListingPage";
import { ArticleFeed } from "@/components/ArticleFeed";
import { AuthorProfile } from "@/components/AuthorBio";
import { homeCrumb } from "@/lib/pages/breadcrumbs";

// Author pages, reached only through proxy.ts: /authors/<slug>[/page/N] → /author-pages/<slug>/<N>.
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ slug: string; page: string }> };

export async function generateStaticParams() {
  return (await getContentSource().getAuthors()).map((a) => ({ slug: a.slug, page: "1" }));
}

async function load(params: Props["params"]) {
  const { slug, page } = await params;
  const n = pageNumber(page);
  return n === null ? null : loadAuthorPage(slug, n);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await load(params);
  return data ? authorMetadata(data.subject, data.page) : {};
}

export default async function AuthorRoute({ params }: Props) {
  const data = await load(params);
  if (!data) notFound();
  const author = data.subject;
  return (
    <ListingPage trail={[homeCrumb(), { name: author.name }]} title={author.name} page={data.page} intro={<AuthorProfile author={author} />}>
      <ArticleFeed filter={{ author: author.slug }} list={data.list} perPage={data.perPage} basePath={authorPath(author.slug)} />
    </ListingPage>
  );
}
