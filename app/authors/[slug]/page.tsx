import { getContentSource } from "@/lib/content/source";
import { AuthorListing, authorMetadata } from "./render";

export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ slug: string }> };

export async function generateStaticParams() {
  return (await getContentSource().getAuthors()).map((a) => ({ slug: a.slug }));
}

export async function generateMetadata({ params }: Props) {
  return authorMetadata((await params).slug);
}

export default async function AuthorPage({ params }: Props) {
  return <AuthorListing slug={(await params).slug} />;
}
