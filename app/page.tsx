import type { Metadata } from "next";
import Link from "@/components/Link";
import { getContentSource } from "@/lib/sources/source";
import { getSite } from "@/lib/config/site";
import { ArticleCard } from "@/components/ArticleCard";
import { toCard } from "@/lib/pages/cards";
import { listingMetadata } from "@/lib/seo/metadata";
import { homeJsonLd } from "@/lib/seo/jsonld";
import { JsonLd } from "@/components/JsonLd";
import { ForwardArrow } from "@/components/Glyphs";
import { LiveRibbon } from "@/components/home/LiveRibbon";
import { HomeRail } from "@/components/home/HomeRail";
import { liveCardTime } from "@/components/LiveCardTime";
import { getI18n } from "@/lib/i18n/translate";
import { homeAlternates, metadataLanguages } from "@/lib/i18n/editions";
import { MostRead } from "@/components/audience/MostRead";
import { AudienceBeacon } from "@/components/audience/AudienceBeacon.client";
import { liveLastUpdated } from "@/lib/live/last-updated";
import { planFront } from "@/lib/pages/front";

export const revalidate = 60;

export async function generateMetadata(): Promise<Metadata> {
  const site = getSite();
  const listing = listingMetadata({ title: site.name, description: site.description, basePath: "/", page: 1 });
  // The home pages of the editions are each other's translations (hreflang).
  return { ...listing, title: { absolute: site.name }, alternates: { ...listing.alternates, languages: metadataLanguages(homeAlternates(site)) } };
}

/**
 * The front page (docs/decisions/0150): a live ribbon while a live blog runs; the lead (its picture
 * large) beside two or three secondary stories; the latest list beside the rail ("Most read" lives
 * there); then one block per top-level section. Nothing is shown twice.
 */
export default async function HomePage() {
  const source = getContentSource();
  const site = getSite();
  const { t } = getI18n();
  const [latest, sections] = await Promise.all([source.listArticles({ perPage: 20 }), source.getSections()]);
  const front = planFront(latest.items);
  const perSection = await Promise.all(
    sections.map(async (s) => {
      const list = await source.listArticles({ section: s.path, perPage: 12 });
      return { section: s, items: list.items.filter((a) => !front.shown.has(a.slug)).slice(0, 4) };
    }),
  );
  const liveTimes = await liveLastUpdated(source, [...latest.items, ...perSection.flatMap((s) => s.items)]);
  const card = (a: (typeof latest.items)[number]) => toCard(a, liveTimes.get(a.slug));
  return (
    <>
      <JsonLd data={homeJsonLd(site)} />
      <h1 className="sr-only">{t("home.heading", { siteName: site.name })}</h1>
      {front.live && front.live !== front.lead && <LiveRibbon article={card(front.live)} />}
      {front.lead ? (
        <div className="grid gap-8 border-b border-rule pb-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)] lg:gap-10">
          <section aria-labelledby="lead-title">
            <h2 id="lead-title" className="sr-only">
              {t("home.leadStory")}
            </h2>
            <ArticleCard liveTime={liveCardTime} article={card(front.lead)} headingLevel={3} variant="lead" />
          </section>
          {front.secondary.length > 0 && (
            <section aria-labelledby="top-title" className="border-t border-rule pt-6 lg:border-s lg:border-t-0 lg:ps-8 lg:pt-0">
              <h2 id="top-title" className="sr-only">
                {t("home.topStories")}
              </h2>
              <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-1 lg:gap-0 lg:divide-y lg:divide-rule">
                {front.secondary.map((a, i) => (
                  <li key={a.slug} className="lg:py-5 lg:first:pt-0">
                    <ArticleCard liveTime={liveCardTime} article={card(a)} variant={i === 0 ? "feature" : "text"} showDescription={i === 0} />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      ) : (
        <p className="text-muted">{t("home.empty")}</p>
      )}
      {front.latest.length > 0 && (
        <HomeRail>
          <section aria-labelledby="latest-title">
            <h2 id="latest-title" className="section-title">
              {t("home.latest")}
            </h2>
            <ol className="mt-2 grid gap-x-10 md:grid-cols-2">
              {front.latest.map((a) => (
                <li key={a.slug} className="border-b border-rule py-4">
                  <ArticleCard liveTime={liveCardTime} article={card(a)} variant="row" showDescription={false} />
                </li>
              ))}
            </ol>
          </section>
        </HomeRail>
      )}
      <MostRead />
      <AudienceBeacon pageType="home" />
      {perSection
        .filter(({ items }) => items.length > 0)
        .map(({ section, items }) => (
          <section key={section.path} aria-labelledby={`home-${section.slug}`} className="border-t border-rule py-8">
            <div className="flex items-baseline justify-between gap-4">
              <h2 id={`home-${section.slug}`} className="section-title">
                <Link href={`/${section.path}`} className="hover:underline">
                  {section.name}
                </Link>
              </h2>
              <Link href={`/${section.path}`} className="text-sm font-semibold text-accent hover:underline">
                {t("home.moreIn", { section: section.name })} <ForwardArrow />
              </Link>
            </div>
            <ul className="mt-5 grid gap-x-6 gap-y-8 sm:grid-cols-2 lg:grid-cols-4">
              {items.map((a, i) => (
                <li key={a.slug}>
                  <ArticleCard liveTime={liveCardTime} article={card(a)} variant={i === 0 ? "feature" : "text"} />
                </li>
              ))}
            </ul>
          </section>
        ))}
    </>
  );
}
