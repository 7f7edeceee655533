import { CopyLinkButton } from "./CopyLinkButton.client";

/** Plain share URLs: no third-party script runs on the page. */
export function shareTargets(url: string, title: string) {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return [
    { label: "Email", href: `mailto:?subject=${t}&body=${u}` },
    { label: "X", href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { label: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { label: "WhatsApp", href: `https://wa.me/?text=${t}%20${u}` },
    { label: "LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
  ];
}

export function ShareLinks({ url, title }: { url: string; title: string }) {
  return (
    <section aria-label="Share this article" className="no-print my-8">
      <h2 className="text-sm font-bold uppercase tracking-wide text-muted">Share</h2>
      <ul className="mt-2 flex flex-wrap gap-2 text-sm">
        <li>
          <CopyLinkButton url={url} />
        </li>
        {shareTargets(url, title).map((s) => (
          <li key={s.label}>
            <a
              href={s.href}
              rel="noopener noreferrer"
              target={s.href.startsWith("mailto:") ? undefined : "_blank"}
              className="inline-block rounded-md border border-rule px-3 py-1.5 hover:bg-panel"
            >
              {s.label}
              {!s.href.startsWith("mailto:") && <span className="sr-only"> (opens in a new tab)</span>}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
