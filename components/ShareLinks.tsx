import { getI18n } from "@/lib/i18n/translate";
import type { MessageKey } from "@/lib/i18n/messages/en";
import { CopyLinkButton } from "./CopyLinkButton.client";

/** Plain share URLs: no third-party script runs on the page. */
export function shareTargets(url: string, title: string): { label: MessageKey; href: string }[] {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  return [
    { label: "share.email", href: `mailto:?subject=${t}&body=${u}` },
    { label: "share.x", href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { label: "share.facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { label: "share.whatsapp", href: `https://wa.me/?text=${t}%20${u}` },
    { label: "share.linkedin", href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
  ];
}

export function ShareLinks({ url, title }: { url: string; title: string }) {
  const { t } = getI18n();
  return (
    <section aria-label={t("share.label")} className="no-print my-8">
      <h2 className="text-sm font-bold uppercase tracking-wide text-muted">{t("share.heading")}</h2>
      <ul className="mt-2 flex flex-wrap gap-2 text-sm">
        <li>
          <CopyLinkButton url={url} labels={{ copy: t("share.copyLink"), copied: t("share.linkCopied"), status: t("share.linkCopiedStatus") }} />
        </li>
        {shareTargets(url, title).map((s) => (
          <li key={s.label}>
            <a
              href={s.href}
              rel="noopener noreferrer"
              target={s.href.startsWith("mailto:") ? undefined : "_blank"}
              className="inline-block rounded-md border border-rule px-3 py-1.5 hover:bg-panel"
            >
              {t(s.label)}
              {!s.href.startsWith("mailto:") && <span className="sr-only"> {t("share.newTab")}</span>}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
