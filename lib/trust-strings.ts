/**
 * The interface strings of the trust features (kinds of work, corrections, standing pages), kept
 * together until the message catalogues of issue 19 (lib/i18n) are in main. The keys are the
 * catalogue's own where it has one ("kind.*", "corrections.*"), so moving them is a search and
 * replace of `trustText(` by `t(`; the few it lacks are marked below.
 */
import { Fragment, createElement, type ReactNode } from "react";

const STRINGS = {
  "kind.news": "News",
  "kind.opinion": "Opinion",
  "kind.analysis": "Analysis",
  "kind.review": "Review",
  "kind.explainer": "Explainer",
  "kind.obituary": "Obituary",
  "kind.sponsored": "Sponsored",
  "kind.sponsoredNotice": "Sponsored content: paid for by an advertiser, not written by our newsroom.",
  "corrections.notice": "Correction, {date}: {text}",
  "corrections.title": "Corrections",
  "corrections.updated": "Updated {date}",
  "corrections.pageDescription": "Corrections and clarifications published by {siteName}.",
  "corrections.empty": "No corrections have been published.",
  // Not in lib/i18n's catalogue yet: add them there when moving.
  "corrections.label": "Corrections to this article",
  "corrections.policyLink": "How we correct our mistakes",
  "corrections.intro": "When we get something wrong, we correct it and say so here, newest first.",
  "corrections.feed": "Corrections feed (RSS)",
  "corrections.feedTitle": "Corrections | {siteName}",
  "corrections.item": "Correction to “{title}”",
  "corrections.on": "On {title}",
  "page.lastUpdated": "Last updated {date}",
  "footer.about": "About {siteName}",
  "footer.corrections": "Corrections",
  "header.about": "About the newsroom",
} as const;

export type TrustKey = keyof typeof STRINGS;

/** The message with its {placeholders} filled in. */
export function trustText(key: TrustKey, values: Record<string, string | number> = {}): string {
  return STRINGS[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The same with React nodes (a <time>, a link, inline HTML) as values, in the message's order. */
export function trustRich(key: TrustKey, values: Record<string, ReactNode>): ReactNode {
  const parts = STRINGS[key].split(/\{(\w+)\}/);
  return createElement(
    Fragment,
    null,
    ...parts.map((part, i) => (i % 2 === 1 ? createElement(Fragment, { key: i }, part in values ? values[part] : `{${part}}`) : part)),
  );
}
