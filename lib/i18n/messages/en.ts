/**
 * The English catalogue: the source every other catalogue translates, key for key. Messages are
 * ICU MessageFormat (plural, select, {placeholders}); lib/i18n/catalogues.test.ts checks that every
 * catalogue has every key, the same placeholders and every plural category its language needs.
 * Typographic quotes and apostrophes (“ ” ’) on purpose: an ASCII ' starts an ICU quote.
 * Keys for features built later (live blogs, corrections, kinds of article, embeds) are here
 * already so they ship translated.
 */
export const en = {
  // Site shell
  "shell.skipToContent": "Skip to content",
  "shell.titleTemplate": "{title} | {siteName}",
  "header.sections": "Sections",
  "header.allSections": "All sections",
  "header.searchLabel": "Search articles",
  "header.searchPlaceholder": "Search",
  "header.searchButton": "Search",
  "header.editions": "Editions",
  "theme.dark": "Dark theme",
  "footer.sections": "Footer sections",
  "footer.searchArchive": "Search the archive",
  "footer.rss": "RSS feed",
  "footer.notice": "© {siteName}. All articles are free to read.",

  // Home
  "home.heading": "{siteName}: latest news",
  "home.leadStory": "Lead story",
  "home.empty": "Nothing has been published yet.",
  "home.latest": "Latest",
  "home.moreIn": "More in {section}",

  // Breadcrumb, listings, pagination
  "breadcrumb.label": "Breadcrumb",
  "breadcrumb.home": "Home",
  "listing.pageSuffix": "— page {page}",
  "listing.titleWithPage": "{title} — page {page}",
  "listing.empty": "No articles yet.",
  "section.subsections": "{section} subsections",
  "section.empty": "No articles in this section yet.",
  "section.description": "{section} from {siteName}",
  "author.description": "Articles by {name} for {siteName}.",
  "author.descriptionWithRole": "{role}. Articles by {name} for {siteName}.",
  "tag.heading": "Tag: {tag}",
  "tag.description": "Articles tagged “{tag}” in {siteName}.",
  "tag.count": "{count, plural, one {# article} other {# articles}}",
  "feed.title": "{name} | {siteName}",
  "pagination.label": "Pagination",
  "pagination.newer": "Newer",
  "pagination.older": "Older",
  "pagination.status": "Page {page} of {totalPages}",
  "loadMore.button": "Load more",
  "loadMore.loading": "Loading…",
  "loadMore.pageLabel": "Page {page}",
  "loadMore.loaded": "{count, plural, one {# more article loaded} other {# more articles loaded}}, page {page} of {totalPages}.",
  "loadMore.failed": "Loading more articles failed. Check your connection and try again.",
  "loadMore.retry": "Try again",

  // Article
  "article.byline": "By {authors}",
  "article.published": "Published {date}",
  "article.updated": "Updated {date}",
  "article.readingTime": "{minutes, plural, one {# min read} other {# min read}}",
  "article.tags": "Tags",
  "toc.title": "In this article",
  "article.sectionLink": "Link to section: {heading}",
  "checkAlso.inline": "Check also:",
  "checkAlso.label": "Check also",
  "checkAlso.cardHeading": "Check also · {section}",
  "checkAlso.close": "Close",
  "share.label": "Share this article",
  "share.heading": "Share",
  "share.email": "Email",
  "share.x": "X",
  "share.facebook": "Facebook",
  "share.whatsapp": "WhatsApp",
  "share.linkedin": "LinkedIn",
  "share.newTab": "(opens in a new tab)",
  "share.copyLink": "Copy link",
  "share.linkCopied": "Link copied",
  "share.linkCopiedStatus": "Link copied to the clipboard",
  "donation.give": "Give {amount} by {provider}",
  "donation.otherAmount": "Other amount ({currency})",
  "donation.payWith": "Pay with",
  "donation.submit": "Give",
  "author.about": "About {name}",
  "author.moreFrom": "More from {name}",
  "related.title": "Related articles",

  // Preview
  "preview.label": "Preview",
  "preview.draft": "Preview — draft",
  "preview.scheduled": "Preview — scheduled for {date}",
  "preview.published": "Preview — published version",
  "preview.exit": "Exit preview",

  // Search
  "search.title": "Search",
  "search.label": "Search articles",
  "search.button": "Search",
  "search.prompt": "Type to search the archive",
  "search.unavailable": "Search is unavailable right now",
  "search.noResults": "No results for “{query}”",
  "search.results": "{count, plural, one {# result} other {# results}} for “{query}”",
  "search.searching": "Searching…",
  "search.updating": "Updating…",
  "search.serviceError": "We could not reach the search service. Your results above may be out of date.",
  "search.retry": "Try again",
  "search.moreFailed": "Loading more results failed; try again.",
  "search.loading": "Loading…",
  "search.more": "More results ({count, plural, one {# more} other {# more}})",
  "search.emptyHint": "Try fewer or different words, or browse the sections above.",

  // Errors
  "notFound.eyebrow": "Error 404",
  "notFound.title": "We can’t find that page",
  "notFound.body": "It may have moved, or the address may be mistyped. Try a search, or read the latest news.",
  "notFound.latest": "Latest articles",
  "notFound.home": "Go to the home page",
  "notFound.metaTitle": "Page not found",
  "error.eyebrow": "Something went wrong",
  "error.title": "This page is not available right now",
  "error.body": "Please try again in a moment. If it keeps happening, the rest of the site is still here.",
  "error.retry": "Try again",
  "error.home": "Home page",
  "error.shortBody": "Please try again in a moment.",
  "unavailable.eyebrow": "Error 503",
  "unavailable.body": "We could not load it just now. Please try again in a minute; the rest of the site may still be here.",
  "unavailable.metaTitle": "Temporarily unavailable",
  "donation.errorNotConfigured": "Donations are not configured.",
  "donation.errorProvider": "Unknown payment provider.",
  "donation.errorAmount": "Please enter an amount between {min} and {max}, with at most two decimals.",

  // Live blogs
  "live.badge": "LIVE",
  "live.updated": "Updated {time}",
  "live.ended": "This live coverage has ended",
  "live.endedAt": "Live coverage ended {date}",
  "live.keyEvents": "Key events",
  "live.pinned": "Pinned",
  "live.newUpdates": "{count, plural, one {# new update} other {# new updates}}",
  "live.showNewUpdates": "Show {count, plural, one {# new update} other {# new updates}}",
  "live.copyLink": "Copy link to this update",
  "live.linkCopied": "Link to this update copied",
  "live.olderUpdates": "Older updates",
  "live.newerUpdates": "Newer updates",
  "live.latestUpdates": "Latest updates",

  // Corrections
  "corrections.notice": "Correction, {date}: {text}",
  "corrections.title": "Corrections",
  "corrections.updated": "Updated {date}",
  "corrections.pageDescription": "Corrections and clarifications published by {siteName}.",
  "corrections.empty": "No corrections have been published.",

  // Kinds of article
  "kind.news": "News",
  "kind.opinion": "Opinion",
  "kind.analysis": "Analysis",
  "kind.review": "Review",
  "kind.explainer": "Explainer",
  "kind.obituary": "Obituary",
  "kind.sponsored": "Sponsored",
  "kind.sponsoredNotice": "Sponsored content: paid for by an advertiser, not written by our newsroom.",

  // Embeds
  "embed.play": "Play on {provider}",
  "embed.viewPost": "View post on {provider}",
  "embed.from": "Embedded content from {host}",
  "embed.load": "Load {provider} content",
  "embed.consent": "This loads content from {provider}, which may set cookies.",
  "embed.openOriginal": "Open the original on {host}",
} as const;

export type MessageKey = keyof typeof en;
/** A catalogue in another language: every key of the English one, nothing else. */
export type Catalogue = Record<MessageKey, string>;
