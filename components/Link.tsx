import type { AnchorHTMLAttributes } from "react";

/**
 * A link between pages: a plain `<a>`, so a click is a full page load from the response cache or the
 * edge. Not `next/link`: that is a client component, and every one of the 55 links of an article (80
 * on the front page) would run its hooks and effects while a phone hydrates the page — Total
 * Blocking Time for no gain on a site whose pages are cached HTML (docs/decisions/0193).
 */
export default function Link({ href, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a href={href} {...rest} />;
}
