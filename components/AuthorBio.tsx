import Image from "next/image";
import Link from "next/link";
import type { Author } from "@/lib/content/types";
import { initials } from "@/lib/format";
import { getI18n } from "@/lib/i18n/translate";

export function AuthorAvatar({ author, size = 64 }: { author: Author; size?: number }) {
  if (author.avatar) {
    return (
      <Image src={author.avatar.src} alt={author.avatar.alt} width={size} height={size} className="shrink-0 rounded-full bg-panel" style={{ width: size, height: size }} />
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

/** "About <name>": nothing at all when the author has no bio. */
export function AuthorBio({ author }: { author: Author }) {
  if (!author.bio) return null;
  const { rich } = getI18n();
  const name = <bdi>{author.name}</bdi>;
  return (
    <section aria-labelledby={`about-${author.slug}`} className="my-8 flex gap-4 rounded-lg bg-panel p-5" data-testid="author-bio">
      <AuthorAvatar author={author} />
      <div className="min-w-0">
        <h2 id={`about-${author.slug}`} className="text-lg font-bold">
          {rich("author.about", { name })}
        </h2>
        {author.role && <p className="text-sm text-muted">{author.role}</p>}
        {/* Bio HTML comes from lib/html (the one sanitiser). */}
        <div className="prose prose-sm mt-2 max-w-none" dangerouslySetInnerHTML={{ __html: author.bio }} />
        <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <li>
            <Link href={`/authors/${author.slug}`} className="font-semibold text-accent hover:underline">
              {rich("author.moreFrom", { name })}
            </Link>
          </li>
          {author.links.map((l) => (
            <li key={l.url}>
              <a href={l.url} rel="me noopener" className="text-accent hover:underline">
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
