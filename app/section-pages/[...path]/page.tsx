import type { Metadata } from "next";
import { draftMode } from "next/headers";
import { notFound, permanentRedirect } from "next/navigation";
import { resolvePath, SECTION_PAGE_SIZE } from "@/lib/routing";
import { getContentSource } from "@/lib/content/source";
import { sectionTrail } from "@/lib/breadcrumbs";
import { getI18n } from "@/lib/i18n/translate";
import { sectionMetadata } from "@/lib/seo/metadata";
import { SectionPage } from "@/components/SectionPage";
import { ArticleFeed } from "@/components/ArticleFeed";

// Section pages, reached only through proxy.ts, which rewrites /<section path>[/page/N] here. A
// route of their own keeps the "Load more" island (and React Query) out of the article route.
export const revalidate = 60;
export const dynamicParams = true;

type Props = { params: Promise<{ path: string[] }> };

export async function generateStaticParams(): Promise<{ path: string[] }[]> {
  const paths: { path: string[] }[] = [];
  const walk = (sections: Awaited<ReturnType<ReturnType<typeof getContentSource>["getSections"]>>) =>
    sections.forEach((s) => {
      paths.push({ path: s.path.split("/") });
      walk(s.children);
    });
  walk(await getContentSource().getSections());
  return paths;
}

async function resolveSection(path: string[]) {
  const { isEnabled: preview } = await draftMode();
  const resolved = await resolvePath(path, { preview });
  if (resolved.kind === "redirect") permanentRedirect(resolved.to);
  if (resolved.kind !== "section") notFound();
  return resolved;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { path } = await params;
  const resolved = await resolvePath(path);
  return resolved.kind === "section" ? sectionMetadata(resolved.section, resolved.page) : {};
}

export default async function SectionRoute({ params }: Props) {
  const { section, page } = await resolveSection((await params).path);
  return (
    <SectionPage section={section} trail={await sectionTrail(section)} page={page}>
      <ArticleFeed
        filter={{ section: section.path }}
        page={page}
        perPage={SECTION_PAGE_SIZE}
        basePath={`/${section.path}`}
        emptyText={getI18n().t("section.empty")}
      />
    </SectionPage>
  );
}
