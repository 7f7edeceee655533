import { AuthorListing, authorMetadata } from "../../render";

export const revalidate = 60;
export const dynamicParams = true;

// Later pages render on first request, then are cached like the first page.
export async function generateStaticParams(): Promise<{ slug: string; n: string }[]> {
  return [];
}

type Props = { params: Promise<{ slug: string; n: string }> };

export async function generateMetadata({ params }: Props) {
  const { slug, n } = await params;
  return authorMetadata(slug, n);
}

export default async function AuthorPagedPage({ params }: Props) {
  const { slug, n } = await params;
  return <AuthorListing slug={slug} pageParam={n} />;
}
