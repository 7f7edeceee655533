"use client";

import { useEffect, useState } from "react";
import type { EditionLink } from "@/lib/i18n/editions";

/**
 * The header's language switcher. Server-rendered with each edition's home; in the browser it
 * points each link at the same story in that edition when the page declares one
 * (`<link rel="alternate" hreflang>` in the head, from the article's `translations`), and follows
 * client-side navigations by watching the head.
 */
export function EditionSwitcher({ editions, label }: { editions: EditionLink[]; label: string }) {
  const [hrefs, setHrefs] = useState<Record<string, string>>({});

  useEffect(() => {
    const read = () => {
      const next: Record<string, string> = {};
      for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel="alternate"][hreflang]')) {
        next[link.hreflang.toLowerCase()] = link.href;
      }
      setHrefs((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    };
    read();
    const observer = new MutationObserver(read);
    observer.observe(document.head, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);

  if (!editions.length) return null;
  return (
    <nav aria-label={label} className="no-print">
      <ul className="flex flex-wrap gap-1 text-sm">
        {editions.map((e) => (
          <li key={e.language}>
            <a
              href={hrefs[e.language.toLowerCase()] ?? e.href}
              hrefLang={e.language}
              lang={e.language}
              dir={e.dir}
              className="inline-flex h-9 items-center rounded-md border border-rule px-2 font-semibold hover:bg-panel"
              data-testid="edition-link"
            >
              {e.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
