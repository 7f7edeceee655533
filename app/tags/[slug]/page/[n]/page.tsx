import { TagListing, tagMetadata } from "../../render";

export const revalidate = 60;
export const dynamicParams = true;

// Later pages render on first request, then are cached like the first page.
export async function generateStaticParams(): Promise<{ slug: string; n: string }[]> {
  return [];
}

type Props = { params: Promise<{ slug: string; n: string }> };

export async function generateMetadata({ params }: Props) {
  const { slug, n } = await params;
  return tagMetadata(slug, n);
}

export default async function TagPagedPage({ params }: Props) {
  const { slug, n } = await params;
  return <TagListing slug={slug} pageParam={n} />;
}
