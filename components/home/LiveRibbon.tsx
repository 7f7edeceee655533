import Link from "@/components/Link";
import type { CardData } from "@/lib/pages/cards";
import { getI18n } from "@/lib/i18n/translate";
import { LiveUpdatedAgo } from "../LiveUpdatedAgo.client";
import { ForwardArrow } from "../Glyphs";

/** A band at the top of the front page while a live blog runs: LIVE, its headline, how fresh it is. */
export function LiveRibbon({ article }: { article: CardData }) {
  const { t } = getI18n();
  return (
    <section aria-labelledby="live-ribbon-title" className="mb-6 rounded-sm border-s-4 border-live bg-panel px-4 py-3" data-testid="live-ribbon">
      <h2 id="live-ribbon-title" className="sr-only">
        {t("home.liveNow")}
      </h2>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="inline-flex items-center gap-1.5 rounded-sm bg-live px-2 py-0.5 text-xs font-extrabold uppercase tracking-widest text-live-ink">
          <span aria-hidden="true" className="live-dot inline-block h-2 w-2 rounded-full bg-live-ink" />
          {article.liveLabel}
        </span>
        <Link href={article.url} className="font-serif text-lg font-bold leading-snug hover:underline">
          {article.title} <ForwardArrow className="text-live" />
        </Link>
        {article.liveUpdated && (
          <span className="text-sm text-muted">
            <LiveUpdatedAgo at={article.liveUpdated.at} message={article.liveUpdated.message} renderedAt={new Date().toISOString()} />
          </span>
        )}
      </p>
    </section>
  );
}
