// Every lifetime Masthead sends, named once (issue 26.4): the proxy's page policies (lib/request/routing.ts),
// crawler documents (lib/request/crawler-http.ts, next.config.ts's robots.txt), the archive's months, the live
// delta, the JSON APIs, social cards and content images, and the production server's own answers and
// finishing step (server/). Plain JavaScript so the server imports it as lib/ does.
// Pages are purged by tag on every publish (response cache, Next, the edge), so a page lifetime only
// bounds what nobody announced. lib/request/cache-policy.test.ts fails when a lifetime is written elsewhere.

/** Seconds. */
export const LIFETIME = {
  /** A published page in a shared cache; browsers always revalidate pages (ETag → 304). */
  page: 60,
  /** A running live blog's front page and its delta answers (docs/decisions/0101). */
  live: 5,
  /** Any 404 or 410: a page may appear at that address on the next publish (issue 13). */
  notFound: 30,
  /** The delta endpoint's 404 for what is not (yet) a live blog. */
  liveNotFound: 10,
  /** A permanent redirect (old slug, /page/1, a trailing slash): short, so a mistake is not forever. */
  redirect: 300,
  /** Sitemaps, feeds, robots.txt: a new article reaches crawlers within minutes. */
  crawler: 300,
  /** A search page or answer of a normalised query, shared by every reader (docs/decisions/0121). */
  search: 30,
  /** The JSON lists (articles, search): in the browser, then in shared caches. */
  apiBrowser: 30,
  apiShared: 60,
  /** A month of the archive's sitemap that can no longer change much. */
  settledMonthBrowser: 86_400,
  settledMonthShared: 604_800,
  /** A generated social card. */
  ogBrowser: 3_600,
  ogShared: 86_400,
  /** A content image (they change under a new name). */
  contentImage: 86_400,
  contentImageStale: 604_800,
  /** The "Most read" lists' JSON (the ranking is recomputed every 15 s: a read shows within a minute). */
  mostRead: 15,
  /**
   * This month's supporters for the donation box (GET /api/support/progress, docs/decisions/0250): a
   * shared cache keeps it this long, and serves it stale this much longer while it refreshes — at
   * most five minutes in all, the "fresh at the edge within 5 minutes". No stale-if-error.
   */
  supportProgress: 240,
  supportProgressStale: 60,
  /** The same answer without a count (the reader data store could not answer): asked again soon. */
  supportProgressUncounted: 30,
  /** A newsletter edition's web version (it never changes once sent): in the browser, then shared. */
  editionBrowser: 300,
  editionShared: 86_400,
  /** How long a cache may go on serving a page while the origin is away. */
  staleIfError: 86_400,
};

const L = LIFETIME;

/** The Cache-Control values, by what they are for. */
export const CACHE_POLICY = {
  /** Never kept anywhere: errors, webhooks, answers of our own. */
  noStore: "no-store",
  /** One reader's answer (preview, draft mode). */
  private: "private, no-store",
  page: `public, max-age=0, s-maxage=${L.page}, stale-while-revalidate=${L.page * 5}, stale-if-error=${L.staleIfError}`,
  live: `public, max-age=0, s-maxage=${L.live}, stale-while-revalidate=${L.live}, stale-if-error=${L.staleIfError}`,
  notFound: `public, max-age=0, s-maxage=${L.notFound}`,
  liveNotFound: `public, max-age=0, s-maxage=${L.liveNotFound}`,
  redirect: `public, max-age=${L.redirect}, s-maxage=${L.redirect}`,
  crawler: `public, max-age=${L.crawler}, s-maxage=${L.crawler}, stale-while-revalidate=${L.crawler}`,
  search: `public, max-age=0, s-maxage=${L.search}, stale-while-revalidate=${L.search}`,
  api: `public, max-age=${L.apiBrowser}, s-maxage=${L.apiShared}, stale-while-revalidate=${L.crawler}`,
  settledMonth: `public, max-age=${L.settledMonthBrowser}, s-maxage=${L.settledMonthShared}, stale-while-revalidate=${L.settledMonthBrowser}`,
  ogImage: `public, max-age=${L.ogBrowser}, s-maxage=${L.ogShared}, stale-while-revalidate=${L.ogShared}`,
  mostRead: `public, max-age=0, s-maxage=${L.mostRead}, stale-while-revalidate=${L.mostRead}`,
  supportProgress: `public, max-age=0, s-maxage=${L.supportProgress}, stale-while-revalidate=${L.supportProgressStale}`,
  supportProgressUncounted: `public, max-age=0, s-maxage=${L.supportProgressUncounted}`,
  edition: `public, max-age=${L.editionBrowser}, s-maxage=${L.editionShared}`,
  contentImage: `public, max-age=${L.contentImage}, stale-while-revalidate=${L.contentImageStale}`,
};

/** A page's policy for `seconds` in shared caches (browsers revalidate); no-store under one second. */
export function sharedFor(seconds) {
  return seconds >= 1 ? `public, max-age=0, s-maxage=${Math.floor(seconds)}` : CACHE_POLICY.noStore;
}
