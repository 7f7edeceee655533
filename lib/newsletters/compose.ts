/**
 * The emails, composed as HTML (tables and inline styles, which every mail client reads) and plain
 * text, in the site's language and direction, with absolute URLs only and no tracking of any kind:
 * links go straight to the site, images are the site's own, no pixel (issue 31).
 * Per-recipient links are placeholders filled at send time ({{PREFERENCES_URL}}, {{UNSUBSCRIBE_URL}}),
 * so one edition is composed once for every reader.
 */
import type { ArticleSummary } from "../sources/types";
import { IMAGE_URL_PREFIX } from "../sources/images";
import { createI18n, type I18n } from "../i18n/translate";
import type { NewsletterConfig, SiteConfig } from "../config/site";

export const PREFERENCES_PLACEHOLDER = "{{PREFERENCES_URL}}";
export const UNSUBSCRIBE_PLACEHOLDER = "{{UNSUBSCRIBE_URL}}";

export interface ComposedMail {
  subject: string;
  html: string;
  text: string;
}

export interface ComposedEdition extends ComposedMail {
  /** The web version: the same edition without any personal link. */
  webHtml: string;
}

export function mailI18n(site: SiteConfig): I18n {
  return createI18n(site.language, site.timeZone);
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function absolute(site: SiteConfig, pathOrUrl: string): string {
  return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${site.url}${pathOrUrl.startsWith("/") ? "" : "/"}${pathOrUrl}`;
}

/**
 * An image for mail: local ones through the site's image optimiser at 640 px, with their size; none
 * for an SVG (Gmail and Outlook show no SVG at all, and the optimiser refuses it), so the story
 * goes without a picture rather than with a broken one (docs/decisions/0220).
 */
function mailImage(site: SiteConfig, image: NonNullable<ArticleSummary["image"]>, width = 560) {
  if (/\.svgz?(?:$|[?#])/i.test(image.src)) return null;
  const src = image.src.startsWith(IMAGE_URL_PREFIX) ? absolute(site, `/_next/image?url=${encodeURIComponent(image.src)}&w=640&q=75`) : absolute(site, image.src);
  const height = image.width && image.height ? Math.round((width * image.height) / image.width) : undefined;
  return { src, width, height, alt: image.alt };
}

/**
 * The frame of every email: lang and dir on the document and the table, a colour scheme for light
 * and dark clients (dark-mode rules in a <style> for the clients that read it; the inline colours
 * are readable in the others), the site's name on top and the footer with why the reader gets it.
 */
function frame(site: SiteConfig, i18n: I18n, opts: { title: string; preheader: string; body: string; footer: string }): string {
  const dir = i18n.dir;
  const align = dir === "rtl" ? "right" : "left";
  return `<!DOCTYPE html>
<html lang="${escapeHtml(i18n.lang)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(opts.title)}</title>
<style>
  body { margin: 0; padding: 0; background: #f3f1ec; }
  a { color: #0b5c8a; }
  .mh-card { background: #ffffff; color: #1c1b19; }
  .mh-muted { color: #5b5850; }
  .mh-button { background: #0b5c8a; color: #ffffff !important; }
  @media (prefers-color-scheme: dark) {
    body, .mh-outer { background: #121212 !important; }
    .mh-card { background: #1e1e1e !important; color: #ecebe7 !important; }
    .mh-muted { color: #b9b5ab !important; }
    a { color: #7cc4f0 !important; }
    a.mh-title { color: #ecebe7 !important; }
    .mh-button { background: #7cc4f0 !important; color: #0d1b24 !important; }
  }
  @media (max-width: 620px) { .mh-card { padding: 20px !important; } }
</style>
</head>
<body dir="${dir}">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${escapeHtml(opts.preheader)}</div>
<table role="presentation" class="mh-outer" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f1ec" dir="${dir}">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" class="mh-card" width="600" cellpadding="0" cellspacing="0" border="0" dir="${dir}" style="max-width:600px;width:100%;background:#ffffff;color:#1c1b19;border-radius:6px;padding:32px;text-align:${align};font-family:Georgia,'Times New Roman',serif;font-size:17px;line-height:1.5">
<tr><td style="padding-bottom:16px;border-bottom:1px solid #d8d4ca;font-size:22px;font-weight:bold"><a class="mh-title" href="${escapeHtml(site.url)}/" style="color:inherit;text-decoration:none">${escapeHtml(site.name)}</a></td></tr>
${opts.body}
<tr><td class="mh-muted" style="padding-top:24px;border-top:1px solid #d8d4ca;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:1.5;color:#5b5850">${opts.footer}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

/**
 * Letter-spacing for small capitals-style labels — none in a right-to-left language: spaced-out
 * Arabic loses its joins in several mail clients' engines, and Arabic type is never tracked.
 */
function tracking(i18n: I18n, amount: string): string {
  return i18n.dir === "rtl" ? "" : `letter-spacing:${amount};`;
}

function button(href: string, label: string): string {
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td class="mh-button" style="background:#0b5c8a;border-radius:4px"><a class="mh-button" href="${escapeHtml(href)}" style="display:inline-block;padding:12px 22px;color:#ffffff;font-family:Arial,Helvetica,sans-serif;font-weight:bold;text-decoration:none">${escapeHtml(label)}</a></td></tr></table>`;
}

/** The confirmation mail (double opt-in). */
export function composeConfirmation(site: SiteConfig, lists: NewsletterConfig[], confirmUrl: string): ComposedMail {
  const i18n = mailI18n(site);
  const names = i18n.list(lists.map((l) => l.name));
  const subject = i18n.t("newsletters.mail.confirmSubject", { siteName: site.name });
  const intro = i18n.t("newsletters.mail.confirmIntro", { lists: names, siteName: site.name });
  const expiry = i18n.t("newsletters.mail.confirmExpiry");
  const label = i18n.t("newsletters.confirm.button");
  const body = `<tr><td style="padding-top:24px"><p style="margin:0 0 20px">${escapeHtml(intro)}</p>${button(confirmUrl, label)}<p class="mh-muted" style="margin:20px 0 0;font-size:15px;color:#5b5850">${escapeHtml(expiry)}</p></td></tr>`;
  const footer = escapeHtml(i18n.t("newsletters.mail.noTracking"));
  return {
    subject,
    html: frame(site, i18n, { title: subject, preheader: intro, body, footer }),
    text: `${site.name}\n\n${intro}\n\n${label}:\n${confirmUrl}\n\n${expiry}\n\n-- \n${i18n.t("newsletters.mail.noTracking")}\n`,
  };
}

function storyRow(site: SiteConfig, i18n: I18n, a: ArticleSummary, lead: boolean): string {
  const url = absolute(site, a.url);
  const image = lead && a.image ? mailImage(site, a.image) : null;
  const img = image
    ? `<a href="${escapeHtml(url)}"><img src="${escapeHtml(image.src)}" width="${image.width}"${image.height ? ` height="${image.height}"` : ""} alt="${escapeHtml(image.alt)}" style="display:block;width:100%;max-width:${image.width}px;height:auto;border:0;border-radius:4px;margin-bottom:12px"></a>`
    : "";
  const size = lead ? 26 : 20;
  return `<tr><td style="padding:20px 0;border-bottom:1px solid #d8d4ca">${img}<p class="mh-muted" style="margin:0 0 4px;font-family:Arial,Helvetica,sans-serif;font-size:12px;${tracking(i18n, ".04em")}text-transform:uppercase;color:#5b5850">${escapeHtml(a.section.name)}</p><h2 style="margin:0 0 8px;font-size:${size}px;line-height:1.25"><a class="mh-title" href="${escapeHtml(url)}" style="color:inherit;text-decoration:none">${escapeHtml(a.title)}</a></h2><p style="margin:0 0 8px">${escapeHtml(a.description)}</p><a href="${escapeHtml(url)}" style="font-family:Arial,Helvetica,sans-serif;font-size:14px;font-weight:bold">${escapeHtml(i18n.t("newsletters.mail.readStory"))}</a></td></tr>`;
}

function storyText(site: SiteConfig, a: ArticleSummary): string {
  return `${a.title}\n${a.description}\n${absolute(site, a.url)}\n`;
}

function footers(site: SiteConfig, i18n: I18n, list: NewsletterConfig, webUrl: string) {
  const why = i18n.t("newsletters.mail.why", { list: list.name, siteName: site.name });
  const links = [
    `<a href="${escapeHtml(webUrl)}">${escapeHtml(i18n.t("newsletters.mail.webVersion"))}</a>`,
    `<a href="${PREFERENCES_PLACEHOLDER}">${escapeHtml(i18n.t("newsletters.mail.preferences"))}</a>`,
    `<a href="${UNSUBSCRIBE_PLACEHOLDER}">${escapeHtml(i18n.t("newsletters.mail.unsubscribe"))}</a>`,
  ].join(" · ");
  const noTracking = i18n.t("newsletters.mail.noTracking");
  return {
    mail: `<p style="margin:0 0 8px">${escapeHtml(why)}</p><p style="margin:0 0 8px">${links}</p><p style="margin:0">${escapeHtml(noTracking)}</p>`,
    web: `<p style="margin:0 0 8px"><a href="${escapeHtml(absolute(site, "/newsletters"))}">${escapeHtml(i18n.t("newsletters.mail.signUp"))}</a></p><p style="margin:0">${escapeHtml(noTracking)}</p>`,
    text: `${why}\n${i18n.t("newsletters.mail.webVersion")}: ${webUrl}\n${i18n.t("newsletters.mail.preferences")}: ${PREFERENCES_PLACEHOLDER}\n${i18n.t("newsletters.mail.unsubscribe")}: ${UNSUBSCRIBE_PLACEHOLDER}\n${noTracking}\n`,
  };
}

/**
 * A digest: the stories in the order given (the caller puts them in the home page's order, the
 * pinned lead first), each with headline, standfirst and link; the lead with its picture.
 */
export function composeDigest(site: SiteConfig, list: NewsletterConfig, stories: ArticleSummary[], at: Date, webUrl: string): ComposedEdition {
  const i18n = mailI18n(site);
  const date = i18n.date(at.toISOString());
  const subject = i18n.t("newsletters.mail.digestSubject", { list: list.name, headline: stories[0]?.title ?? "", date });
  const heading = i18n.t("newsletters.mail.digestHeading", { list: list.name, date });
  const rows = stories.map((a, i) => storyRow(site, i18n, a, i === 0)).join("\n");
  const body = `<tr><td style="padding-top:20px"><h1 style="margin:0;font-size:16px;font-family:Arial,Helvetica,sans-serif;text-transform:uppercase;${tracking(i18n, ".05em")}">${escapeHtml(heading)}</h1></td></tr>\n${rows}`;
  const f = footers(site, i18n, list, webUrl);
  const preheader = stories.map((s) => s.title).join(" · ");
  return {
    subject,
    html: frame(site, i18n, { title: subject, preheader, body, footer: f.mail }),
    webHtml: frame(site, i18n, { title: subject, preheader, body, footer: f.web }),
    text: `${site.name}\n${heading}\n\n${stories.map((a) => storyText(site, a)).join("\n")}\n-- \n${f.text}`,
  };
}

/** A breaking-news alert: one story. */
export function composeAlert(site: SiteConfig, list: NewsletterConfig, article: ArticleSummary, webUrl: string): ComposedEdition {
  const i18n = mailI18n(site);
  const label = i18n.t("newsletters.mail.alertLabel");
  const subject = i18n.t("newsletters.mail.alertSubject", { list: list.name, headline: article.title });
  const body = `<tr><td style="padding-top:20px"><p style="margin:0;font-family:Arial,Helvetica,sans-serif;font-size:13px;font-weight:bold;color:#b3261e;text-transform:uppercase;${tracking(i18n, ".05em")}">${escapeHtml(label)}</p></td></tr>\n${storyRow(site, i18n, article, true)}`;
  const f = footers(site, i18n, list, webUrl);
  return {
    subject,
    html: frame(site, i18n, { title: subject, preheader: article.description, body, footer: f.mail }),
    webHtml: frame(site, i18n, { title: subject, preheader: article.description, body, footer: f.web }),
    text: `${site.name}\n${label}\n\n${storyText(site, article)}\n-- \n${f.text}`,
  };
}

/** Fills one reader's links into an edition's mail (HTML-escaped in the HTML). */
export function personalise(template: string, links: { preferences: string; unsubscribe: string }, html: boolean): string {
  const e = html ? escapeHtml : (s: string) => s;
  return template.split(PREFERENCES_PLACEHOLDER).join(e(links.preferences)).split(UNSUBSCRIBE_PLACEHOLDER).join(e(links.unsubscribe));
}

/**
 * The headers every newsletter carries: RFC 8058 one-click unsubscribe (an https URL the mail
 * client POSTs "List-Unsubscribe=One-Click" to), RFC 2919 List-Id.
 */
export function listHeaders(site: SiteConfig, list: NewsletterConfig, unsubscribeUrl: string): Record<string, string> {
  const host = new URL(site.url).hostname;
  return {
    "List-Unsubscribe": `<${unsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "List-Id": `${list.name.replace(/[\r\n<>"]/g, "")} <${list.id}.${host}>`,
  };
}
