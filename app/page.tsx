import type { Metadata } from "next";
import Link from "next/link";
import { getContentSource } from "@/lib/content/source";
import { getSite } from "@/lib/site";
import { ArticleCard } from "@/components/ArticleCard";
import { toCard } from "@/lib/cards";
import { listingMetadata } from "@/lib/seo/metadata";
import { homeJsonLd } from "@/lib/seo/jsonld";
import { JsonLd } from "@/components/JsonLd";
import { ForwardArrow } from "@/components/Glyphs";
import { getI18n } from "@/lib/i18n/translate";
import { homeAlternates, metadataLanguages } from "@/lib/i18n/editions";
import { MostRead } from "@/components/audience/MostRead";
import { AudienceBeacon } from "@/components/audience/AudienceBeacon.client";

export const revalidate = 60;

export async function generateMetadata(): Promise<Metadata> {
  const site = getSite();
  const listing = listingMetadata({ title: site.name, description: site.description, basePath: "/", page: 1 });
  // The home pages of the editions are each other's translations (hreflang).
  return { ...listing, title: { absolute: site.name }, alternates: { ...listing.alternates, languages: metadataLanguages(homeAlternates(site)) } };
}

export default async function HomePage() {
  const source = getContentSource();
  const site = getSite();
  const { t } = getI18n();
  const [latest, sections] = await Promise.all([source.listArticles({ perPage: 12 }), source.getSections()]);
  // The lead is the newest story with a picture among the latest few (never a paid-for piece); the next six follow it.
  const leadable = latest.items.filter((a) => a.kind !== "sponsored");
  const lead = leadable.slice(0, 5).find((a) => a.image) ?? leadable[0] ?? latest.items[0];
  const others = latest.items.filter((a) => a !== lead).slice(0, 6);
  const shown = new Set([lead, ...others].filter(Boolean).map((a) => a!.slug));
  const perSection = await Promise.all(
    sections.map(async (s) => {
      const list = await source.listArticles({ section: s.path, perPage: 12 });
      return { section: s, items: list.items.filter((a) => !shown.has(a.slug)).slice(0, 4) };
    }),
  );
  return (
    <>
      <JsonLd data={homeJsonLd(site)} />
      <h1 className="sr-only">{t("home.heading", { siteName: site.name })}</h1>
      {lead ? (
        <section aria-labelledby="lead-title" className="border-b border-rule pb-10">
          <h2 id="lead-title" className="sr-only">
            {t("home.leadStory")}
          </h2>
          <ArticleCard article={toCard(lead)} headingLevel={3} lead />
        </section>
      ) : (
        <p className="text-muted">{t("home.empty")}</p>
      )}
      {others.length > 0 && (
        <section aria-labelledby="latest-title" className="border-b border-rule py-10">
          <h2 id="latest-title" className="font-serif text-2xl font-bold">
            {t("home.latest")}
          </h2>
          <ul className="mt-6 grid gap-x-6 gap-y-8 sm:grid-cols-2 lg:grid-cols-3">
            {others.map((a) => (
              <li key={a.slug}>
                <ArticleCard article={toCard(a)} showImage={false} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <MostRead />
      <AudienceBeacon pageType="home" />
      {perSection
        .filter(({ items }) => items.length > 0)
        .map(({ section, items }) => (
          <section key={section.path} aria-labelledby={`home-${section.slug}`} className="border-b border-rule py-10">
            <div className="flex items-baseline justify-between gap-4">
              <h2 id={`home-${section.slug}`} className="font-serif text-2xl font-bold">
                <Link href={`/${section.path}`} prefetch={false} className="hover:underline">
                  {section.name}
                </Link>
              </h2>
              <Link href={`/${section.path}`} prefetch={false} className="text-sm font-semibold text-accent hover:underline">
                {t("home.moreIn", { section: section.name })} <ForwardArrow />
              </Link>
            </div>
            <ul className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
              {items.map((a) => (
                <li key={a.slug}>
                  <ArticleCard article={toCard(a)} />
                </li>
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}
