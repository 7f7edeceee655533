import Link from "@/components/Link";
import type { DonationConfig } from "@/lib/config/site";
import type { LivePageData } from "@/lib/pages/live-page";
import { archiveRange } from "@/lib/live/metadata";
import { getI18n } from "@/lib/i18n/translate";
import { formatDateTime } from "@/lib/config/format";
import { Breadcrumbs } from "./Breadcrumbs";
import { Byline } from "./ArticleHeader";
import { FeaturedImage } from "./FeaturedImage";
import { ArticleBody } from "./ArticleBody";
import { ShareLinks } from "./ShareLinks";
import { DonationCta } from "./DonationCta";
import { AuthorBio } from "./AuthorBio";
import { RelatedCards } from "./RelatedCards";
import { LiveStatus } from "./LiveStatus.client";
import { LiveBlog } from "./LiveBlog.client";
import { LivePagination } from "./LivePagination";

/**
 * A live blog's page, Guardian-style: the headline block with the LIVE status, then key events in
 * the start column beside the updates (the pinned one first, then newest first), pages of older
 * updates, share, support and the authors. Archived pages show their own updates under a note
 * saying which they are. The article route and its JavaScript are not involved (docs/decisions/0100).
 */
export function LiveBlogPage({
  data,
  donation,
  absoluteUrl,
  banner,
}: {
  data: LivePageData;
  donation?: DonationConfig;
  absoluteUrl: string;
  banner?: React.ReactNode;
}) {
  const { article, trail, page, initial, state, messages } = data;
  const { t, rich } = getI18n();
  const front = page === 1;
  const range = front ? null : archiveRange(data);
  return (
    <>
      {banner}
      <article className="mx-auto max-w-[64rem]" data-testid="live-blog">
        <Breadcrumbs items={[...trail, front ? { name: article.title } : { name: article.title, href: article.url }]} />
        <div className="lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-x-12">
          <div className="lg:col-start-2 lg:row-start-1">
            <header className="mt-4">
              <p className="text-sm font-bold uppercase tracking-wide">
                <Link href={`/${article.section.path}`} className="text-accent hover:underline">
                  {article.section.name}
                </Link>
              </p>
              <LiveStatus slug={article.slug} initial={state.status} renderedAt={initial.renderedAt} messages={messages} />
              <h1 className="mt-3 font-serif text-3xl font-bold leading-tight text-balance sm:text-5xl">{article.title}</h1>
              <p className="mt-4 font-serif text-xl leading-relaxed text-muted">{article.description}</p>
              <div className="mt-6 flex flex-col gap-1 border-y border-rule py-3 text-sm">
                <Byline authors={article.authors} />
                <p className="text-muted">
                  {rich("article.published", { date: <time dateTime={article.publishedAt}>{formatDateTime(article.publishedAt)}</time> })}
                </p>
              </div>
            </header>
            {front ? (
              <>
                {article.image && <FeaturedImage image={article.image} />}
                <div className="mt-6 mb-8">
                  <ArticleBody html={article.body} />
                </div>
              </>
            ) : (
              <div className="my-8 rounded-lg border border-rule p-4" data-testid="archive-note">
                <h2 className="font-serif text-xl font-bold">{t("live.archiveHeading", { range: range! })}</h2>
                <p className="mt-1 text-sm text-muted">
                  {t("live.archiveNote")}{" "}
                  <a href={article.url} className="font-semibold text-accent hover:underline">
                    {t("live.goToLatest")}
                  </a>
                </p>
              </div>
            )}
          </div>
          <LiveBlog initial={initial} messages={messages} footer={<LivePagination articleUrl={article.url} page={page} archivePages={state.paging.archivePages} />} />
          <div className="lg:col-start-2">
            <ShareLinks url={absoluteUrl} title={article.title} />
            {article.donation && donation && <DonationCta config={donation} from={article.url} />}
            {article.authors.map((a) => (
              <AuthorBio key={a.slug} author={a} />
            ))}
          </div>
        </div>
      </article>
      <RelatedCards articles={data.related} />
    </>
  );
}
