import { getContentSource } from "@/lib/content/source";
import { TagListing, tagMetadata } from "./render";

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  return (await getContentSource().getTags()).map((t) => ({ slug: t.slug }));
}

export async function generateMetadata({ params }: Props) {
  return tagMetadata((await params).slug);
}

export default async function TagPage({ params }: Props) {
  return <TagListing slug={(await params).slug} />;
}
