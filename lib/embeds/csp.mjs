// The frame sources a page's Content-Security-Policy must allow, read from the page's own HTML.
// Plain ESM JavaScript with no imports, so the production server (server/finish.ts,
// pagePolicy) loads it as it is (docs/decisions/0040).
//
// The embed facades lib/html renders carry the origin their iframe will load from, on the element
// the click-to-load island replaces: <div class="embed-frame" data-embed-origin="https://…" …>.
// A page without one keeps the base policy's frame-src 'none'.

/**
 * Every origin an embed may be framed from. Mastodon is federated; only these well-known servers
 * are embedded, a post elsewhere stays a link.
 */
export const MASTODON_HOSTS = Object.freeze([
  "mastodon.social",
  "mastodon.online",
  "mastodon.world",
  "mstdn.social",
  "mas.to",
  "fosstodon.org",
  "hachyderm.io",
  "infosec.exchange",
  "journa.host",
  "newsie.social",
  "mastodon.art",
  "social.vivaldi.net",
]);

export const EMBED_FRAME_ORIGINS = Object.freeze([
  "https://www.youtube-nocookie.com",
  "https://player.vimeo.com",
  "https://platform.twitter.com",
  "https://www.instagram.com",
  "https://embed.bsky.app",
  "https://w.soundcloud.com",
  "https://open.spotify.com",
  "https://datawrapper.dwcdn.net",
  "https://flo.uri.sh",
  ...MASTODON_HOSTS.map((host) => `https://${host}`),
]);

const KNOWN = new Set(EMBED_FRAME_ORIGINS);

// Only inside a start tag: body text cannot contain a literal "<", and an attribute value cannot
// contain a literal '"' (the serialiser escapes both), so text that imitates the marker never matches.
const MARKER = /<div\b[^>]*?\sdata-embed-origin="([^"]*)"/g;

/** The embed origins the HTML's facades will frame, known ones only, in page order without repeats. */
export function frameSourcesFromHtml(html) {
  const out = [];
  for (const [, origin] of String(html).matchAll(MARKER)) {
    if (KNOWN.has(origin) && !out.includes(origin)) out.push(origin);
  }
  return out;
}
