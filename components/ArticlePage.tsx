import type { Article, ArticleSummary } from "@/lib/sources/types";
import type { DonationConfig } from "@/lib/config/site";
import type { Crumb } from "./Breadcrumbs";
import { Breadcrumbs } from "./Breadcrumbs";
import { ArticleHeader } from "./ArticleHeader";
import { FeaturedImage } from "./FeaturedImage";
import { TableOfContents } from "./TableOfContents";
import { ArticleBody } from "./ArticleBody";
import { DonationCta } from "./DonationCta";
import { NewsletterSignup } from "./newsletters/NewsletterSignup";
import { AuthorBio } from "./AuthorBio";
import { RelatedCards } from "./RelatedCards";
import { ShareLinks } from "./ShareLinks";
import { CheckAlsoSlideIn } from "./CheckAlsoSlideIn.client";
import { CorrectionNotices } from "./CorrectionNotices";
import { getSite } from "@/lib/config/site";
import { getI18n } from "@/lib/i18n/translate";

/** The whole article anatomy, in reading order. */
export function ArticlePage({
  article,
  trail,
  related,
  donation,
  absoluteUrl,
  banner,
}: {
  article: Article;
  trail: Crumb[];
  related: ArticleSummary[];
  donation?: DonationConfig;
  absoluteUrl: string;
  banner?: React.ReactNode;
}) {
  // The first related article is the inline "Check also"; the slide-in offers the next one when there
  // is one. `checkAlso: false` in the front matter turns both off (the related list stays).
  const [inline, ...rest] = article.checkAlso === false ? [] : related;
  const slideIn = rest[0] ?? inline;
  const { t } = getI18n();
  return (
    <>
      {banner}
      <article className="relative mx-auto max-w-3xl" data-testid="article">
        <Breadcrumbs items={[...trail, { name: article.title }]} />
        <ArticleHeader article={article} />
        <CorrectionNotices corrections={article.corrections} policyUrl={getSite().trust?.correctionsPolicy} />
        {article.image && <FeaturedImage image={article.image} />}
        <TableOfContents headings={article.headings} readingMinutes={article.readingMinutes} />
        <div className="mt-8">
          <ArticleBody html={article.body} checkAlso={inline} />
        </div>
        <div id="article-end" aria-hidden="true" />
        <ShareLinks url={absoluteUrl} title={article.title} />
        {slideIn && (
          <CheckAlsoSlideIn
            endMarkerId="article-end"
            card={{ url: slideIn.url, title: slideIn.title, sectionName: slideIn.section.name, imageSrc: slideIn.image?.src }}
            labels={{ region: t("checkAlso.label"), heading: t("checkAlso.cardHeading", { section: slideIn.section.name }), close: t("checkAlso.close") }}
          />
        )}
        {article.donation && donation && <DonationCta config={donation} from={article.url} />}
        <NewsletterSignup variant="article" page={article.url} />
        {article.authors.map((a) => (
          <AuthorBio key={a.slug} author={a} />
        ))}
      </article>
      <RelatedCards articles={related} />
    </>
  );
}
