import { StaticImage } from "@/components/StaticImage";
import Link from "@/components/Link";
import type { Author } from "@/lib/sources/types";
import { initials } from "@/lib/config/format";
import { authorPath } from "@/lib/request/paths";
import { getI18n } from "@/lib/i18n/translate";

/** `eager`: the picture is part of the page's first view (a columnist beside the headline). */
export function AuthorAvatar({ author, size = 64, eager = false }: { author: Author; size?: number; eager?: boolean }) {
  if (author.avatar) {
    return (
      <StaticImage
        src={author.avatar.src}
        alt={author.avatar.alt}
        width={size}
        height={size}
        loading={eager ? "eager" : undefined}
        className="shrink-0 rounded-full bg-panel"
        style={{ width: size, height: size }}
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      className="flex shrink-0 items-center justify-center rounded-full bg-accent font-bold text-accent-ink"
      style={{ width: size, height: size, fontSize: size / 2.8 }}
    >
      {initials(author.name)}
    </span>
  );
}

/** The author's role, bio (HTML from lib/html, the one sanitiser) and links, as the bio box and the author page show them. */
function AuthorDetails({ author, compact, moreLink }: { author: Author; compact: boolean; moreLink: boolean }) {
  return (
    <>
      {author.role && <p className={compact ? "text-sm text-muted" : "font-semibold text-muted"}>{author.role}</p>}
      {author.bio && <div className={`prose mt-2 max-w-none ${compact ? "prose-sm" : ""}`} dangerouslySetInnerHTML={{ __html: author.bio }} />}
      {(moreLink || author.links.length > 0) && (
        <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {moreLink && (
            <li>
              <Link href={authorPath(author.slug)} className="font-semibold text-accent hover:underline">
                {getI18n().rich("author.moreFrom", { name: <bdi>{author.name}</bdi> })}
              </Link>
            </li>
          )}
          {author.links.map((l) => (
            <li key={l.url}>
              <a href={l.url} rel="me noopener" className="text-accent hover:underline">
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** "About <name>" under an article: nothing at all when the author has no bio. */
export function AuthorBio({ author }: { author: Author }) {
  if (!author.bio) return null;
  return (
    <section aria-labelledby={`about-${author.slug}`} className="my-8 flex gap-4 rounded-lg bg-panel p-5" data-testid="author-bio">
      <AuthorAvatar author={author} />
      <div className="min-w-0">
        <h2 id={`about-${author.slug}`} className="text-lg font-bold">
          {getI18n().rich("author.about", { name: <bdi>{author.name}</bdi> })}
        </h2>
        <AuthorDetails author={author} compact moreLink />
      </div>
    </section>
  );
}

/** The head of an author's page: avatar, role, bio and links. */
export function AuthorProfile({ author }: { author: Author }) {
  return (
    <div className="mt-4 flex gap-4">
      <AuthorAvatar author={author} size={80} />
      <div className="min-w-0">
        <AuthorDetails author={author} compact={false} moreLink={false} />
      </div>
    </div>
  );
}
