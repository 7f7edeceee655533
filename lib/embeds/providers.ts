/**
 * The embed providers Masthead knows (CONTENT.md "Body media"): which addresses belong to them and
 * what their privacy-first embed is. A pure function of a URL — no network, no oEmbed — so the same
 * link always gives the same markup and the markdown build stays offline.
 *
 * Each provider gives the page a reader can open without JavaScript (`pageUrl`) and the iframe the
 * click-to-load island creates (`frameUrl`), on the provider's privacy-enhanced host where one
 * exists (youtube-nocookie.com, Vimeo's and X's do-not-track flags).
 */
import { EMBED_FRAME_ORIGINS, MASTODON_HOSTS } from "./csp.mjs";

export type EmbedProvider =
  | "youtube"
  | "vimeo"
  | "x"
  | "instagram"
  | "bluesky"
  | "mastodon"
  | "soundcloud"
  | "spotify"
  | "datawrapper"
  | "flourish";

/** video: 16:9 box; the others: a fixed starting height that the provider may resize. */
export type EmbedKind = "video" | "audio" | "post" | "chart";

export interface Embed {
  provider: EmbedProvider;
  /** The provider's name as readers know it. */
  name: string;
  kind: EmbedKind;
  /** Where a reader without JavaScript (or who prefers the provider's site) goes. */
  pageUrl: string;
  /** The iframe's src, loaded only after the reader asks for it. */
  frameUrl: string;
  frameOrigin: string;
  /** Starting height in CSS pixels (not for video, which keeps 16:9). */
  height?: number;
}

const NAMES: Record<EmbedProvider, string> = {
  youtube: "YouTube",
  vimeo: "Vimeo",
  x: "X",
  instagram: "Instagram",
  bluesky: "Bluesky",
  mastodon: "Mastodon",
  soundcloud: "SoundCloud",
  spotify: "Spotify",
  datawrapper: "Datawrapper",
  flourish: "Flourish",
};

function embed(provider: EmbedProvider, kind: EmbedKind, pageUrl: string, frameUrl: string, height?: number): Embed {
  const frameOrigin = new URL(frameUrl).origin;
  // Every origin framed here must be one the CSP module knows, or the page's policy would refuse it.
  if (!EMBED_FRAME_ORIGINS.includes(frameOrigin)) throw new Error(`embed origin ${frameOrigin} is not in lib/embeds/csp.mjs`);
  return { provider, name: NAMES[provider], kind, pageUrl, frameUrl, frameOrigin, ...(height ? { height } : {}) };
}

const host = (url: URL) => url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, "");
const segments = (url: URL) =>
  url.pathname
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });

// ---- YouTube ---------------------------------------------------------------------------------

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** "90", "90s", "1m30s", "1h2m3s" → seconds. */
function seconds(value: string | null): number {
  if (!value) return 0;
  if (/^\d+s?$/.test(value)) return parseInt(value, 10);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : 0;
}

function youtube(url: URL): Embed | null {
  const h = host(url);
  const path = segments(url);
  let id: string | undefined;
  if (h === "youtu.be") id = path[0];
  else if (h === "youtube.com" || h === "youtube-nocookie.com" || h === "music.youtube.com") {
    if (path[0] === "watch") id = url.searchParams.get("v") ?? undefined;
    else if (["embed", "shorts", "live", "v"].includes(path[0] ?? "")) id = path[1];
    if (path[0] === "playlist" || (path[0] === "embed" && path[1] === "videoseries")) {
      const list = url.searchParams.get("list");
      if (!list || !/^[A-Za-z0-9_-]{10,64}$/.test(list)) return null;
      return embed(
        "youtube",
        "video",
        `https://www.youtube.com/playlist?list=${list}`,
        `https://www.youtube-nocookie.com/embed/videoseries?list=${list}&autoplay=1`,
      );
    }
  }
  if (!id || !YOUTUBE_ID.test(id)) return null;
  const start = seconds(url.searchParams.get("t") ?? url.searchParams.get("start"));
  return embed(
    "youtube",
    "video",
    `https://www.youtube.com/watch?v=${id}${start ? `&t=${start}s` : ""}`,
    `https://www.youtube-nocookie.com/embed/${id}?autoplay=1${start ? `&start=${start}` : ""}`,
  );
}

// ---- Vimeo -----------------------------------------------------------------------------------

function vimeo(url: URL): Embed | null {
  const h = host(url);
  const path = segments(url);
  let id: string | undefined;
  let hash = url.searchParams.get("h") ?? undefined;
  if (h === "player.vimeo.com" && path[0] === "video") id = path[1];
  else if (h === "vimeo.com") {
    const at = path.findIndex((s) => /^\d+$/.test(s));
    // vimeo.com/123, /123/abcdef (unlisted), /channels/x/123, /groups/x/videos/123, /album/1/video/123
    if (at >= 0 && (at === 0 || ["channels", "groups", "album", "showcase"].includes(path[0]))) {
      id = path[at];
      if (at === 0 && path[1] && /^[0-9a-f]{6,20}$/.test(path[1])) hash = path[1];
    }
  }
  if (!id || !/^\d{1,12}$/.test(id)) return null;
  if (hash && !/^[0-9a-f]{6,20}$/.test(hash)) hash = undefined;
  return embed(
    "vimeo",
    "video",
    `https://vimeo.com/${id}${hash ? `/${hash}` : ""}`,
    `https://player.vimeo.com/video/${id}?dnt=1&autoplay=1${hash ? `&h=${hash}` : ""}`,
  );
}

// ---- X / Twitter -----------------------------------------------------------------------------

function x(url: URL): Embed | null {
  const h = host(url);
  const path = segments(url);
  let id: string | undefined;
  let user = "i";
  if (h === "platform.twitter.com" && path[0] === "embed" && path[1] === "Tweet.html") id = url.searchParams.get("id") ?? undefined;
  else if (h === "twitter.com" || h === "x.com") {
    if (path[0] === "i" && path[1] === "web" && path[2] === "status") id = path[3];
    else if (path[1] === "status" || path[1] === "statuses") {
      id = path[2];
      user = path[0] ?? "i";
    }
  }
  if (!id || !/^\d{1,25}$/.test(id) || !/^\w{1,15}$/.test(user)) return null;
  const pageUrl = user === "i" ? `https://x.com/i/web/status/${id}` : `https://x.com/${user}/status/${id}`;
  return embed("x", "post", pageUrl, `https://platform.twitter.com/embed/Tweet.html?id=${id}&dnt=true`, 560);
}

// ---- Instagram -------------------------------------------------------------------------------

function instagram(url: URL): Embed | null {
  if (host(url) !== "instagram.com") return null;
  const path = segments(url);
  // /p/CODE/, /reel/CODE/, /tv/CODE/, and /user/p/CODE/
  const at = path.findIndex((s) => s === "p" || s === "reel" || s === "tv");
  if (at < 0 || at > 1) return null;
  const type = path[at] === "tv" ? "p" : path[at];
  const code = path[at + 1];
  if (!code || !/^[A-Za-z0-9_-]{5,40}$/.test(code)) return null;
  return embed("instagram", "post", `https://www.instagram.com/${type}/${code}/`, `https://www.instagram.com/${type}/${code}/embed/`, 640);
}

// ---- Bluesky ---------------------------------------------------------------------------------

const BSKY_ACTOR = /^(?:did:(?:plc|web):[A-Za-z0-9.:%-]{1,200}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61})$/i;
const BSKY_RKEY = /^[A-Za-z0-9._~-]{2,64}$/;

function bluesky(url: URL): Embed | null {
  const h = host(url);
  const path = segments(url);
  let actor: string | undefined;
  let rkey: string | undefined;
  if (h === "bsky.app" && path[0] === "profile" && path[2] === "post") [actor, rkey] = [path[1], path[3]];
  else if (h === "embed.bsky.app" && path[0] === "embed" && path[2] === "app.bsky.feed.post") [actor, rkey] = [path[1], path[3]];
  if (!actor || !rkey || !BSKY_ACTOR.test(actor) || !BSKY_RKEY.test(rkey)) return null;
  return embed(
    "bluesky",
    "post",
    `https://bsky.app/profile/${actor}/post/${rkey}`,
    `https://embed.bsky.app/embed/${actor}/app.bsky.feed.post/${rkey}`,
    480,
  );
}

/** at://did:plc:…/app.bsky.feed.post/RKEY (WordPress's and Bluesky's embed code) → the post's page. */
export function blueskyUrlFromAtUri(uri: string): string | null {
  const m = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)$/.exec(uri.trim());
  if (!m || !BSKY_ACTOR.test(m[1]) || !BSKY_RKEY.test(m[2])) return null;
  return `https://bsky.app/profile/${m[1]}/post/${m[2]}`;
}

// ---- Mastodon --------------------------------------------------------------------------------

function mastodon(url: URL): Embed | null {
  const h = url.hostname.toLowerCase();
  if (!MASTODON_HOSTS.includes(h)) return null;
  const path = segments(url);
  let user: string | undefined;
  let id: string | undefined;
  if (path[0]?.startsWith("@")) [user, id] = [path[0].slice(1), path[1]];
  else if (path[0] === "users" && path[2] === "statuses") [user, id] = [path[1], path[3]];
  if (!user || !id || !/^\w{1,30}(@[a-z0-9.-]{1,100})?$/i.test(user) || !/^\d{1,25}$/.test(id)) return null;
  if (path.length > (path[0] === "users" ? 4 : 2) && path.at(-1) !== "embed") return null;
  return embed("mastodon", "post", `https://${h}/@${user}/${id}`, `https://${h}/@${user}/${id}/embed`, 480);
}

// ---- SoundCloud ------------------------------------------------------------------------------

const SOUNDCLOUD_RESERVED = new Set(["discover", "search", "stream", "you", "upload", "charts", "pages", "terms-of-use", "settings", "messages", "notifications", "people", "tags", "popular", "mobile"]);
const SC_SEGMENT = /^[A-Za-z0-9_-]{1,100}$/;

function soundcloud(url: URL): Embed | null {
  const h = host(url);
  const path = segments(url);
  if (h === "w.soundcloud.com" && path[0] === "player") {
    const inner = url.searchParams.get("url");
    if (!inner) return null;
    let target: URL;
    try {
      target = new URL(inner);
    } catch {
      return null;
    }
    const t = segments(target);
    if (target.protocol !== "https:" && target.protocol !== "http:") return null;
    if (host(target) === "soundcloud.com") return soundcloud(target);
    if (target.hostname !== "api.soundcloud.com" || !["tracks", "playlists"].includes(t[0] ?? "") || !/^\d{1,20}$/.test(t[1] ?? "")) return null;
    const api = `https://api.soundcloud.com/${t[0]}/${t[1]}`;
    const frame = `https://w.soundcloud.com/player/?url=${encodeURIComponent(api)}&auto_play=true&visual=false`;
    // No public page is known for an API address; the player itself is a page a reader can open.
    return embed("soundcloud", "audio", frame, frame, t[0] === "playlists" ? 450 : 166);
  }
  if (h !== "soundcloud.com") return null;
  const [artist, second, third] = path;
  if (!artist || !second || SOUNDCLOUD_RESERVED.has(artist) || !SC_SEGMENT.test(artist)) return null;
  const isSet = second === "sets";
  if (isSet ? !third || !SC_SEGMENT.test(third) || path.length > 3 : !SC_SEGMENT.test(second) || path.length > 2) return null;
  if (!isSet && ["likes", "tracks", "albums", "reposts", "followers", "following", "popular-tracks"].includes(second)) return null;
  const page = `https://soundcloud.com/${path.join("/")}`;
  return embed(
    "soundcloud",
    "audio",
    page,
    `https://w.soundcloud.com/player/?url=${encodeURIComponent(page)}&auto_play=true&visual=false`,
    isSet ? 450 : 166,
  );
}

// ---- Spotify ---------------------------------------------------------------------------------

function spotify(url: URL): Embed | null {
  if (url.hostname !== "open.spotify.com") return null;
  const path = segments(url).filter((s, i) => !(i === 0 && /^intl-[a-z]{2}(-[A-Za-z]{2})?$/.test(s)));
  const rest = path[0] === "embed" ? path.slice(1) : path;
  const [type, id] = rest;
  if (!type || !["track", "album", "playlist", "episode", "show", "artist"].includes(type) || !id || !/^[A-Za-z0-9]{22}$/.test(id)) return null;
  const compact = type === "track" || type === "episode";
  return embed("spotify", "audio", `https://open.spotify.com/${type}/${id}`, `https://open.spotify.com/embed/${type}/${id}`, compact ? 152 : 352);
}

// ---- Datawrapper -----------------------------------------------------------------------------

function datawrapper(url: URL): Embed | null {
  const h = url.hostname.toLowerCase();
  const path = segments(url);
  let id: string | undefined;
  let version: string | undefined;
  if (h === "datawrapper.dwcdn.net") [id, version] = path;
  else if ((h === "www.datawrapper.de" || h === "datawrapper.de") && path[0] === "_") id = path[1];
  if (!id || !/^[A-Za-z0-9]{5}$/.test(id)) return null;
  if (version !== undefined && !/^\d{1,4}$/.test(version)) version = undefined;
  const chart = `https://datawrapper.dwcdn.net/${id}/${version ? `${version}/` : ""}`;
  return embed("datawrapper", "chart", chart, chart, 420);
}

// ---- Flourish --------------------------------------------------------------------------------

function flourish(url: URL): Embed | null {
  const h = url.hostname.toLowerCase();
  const path = segments(url);
  if (h !== "public.flourish.studio" && h !== "flo.uri.sh") return null;
  const [type, id] = path;
  if ((type !== "visualisation" && type !== "story") || !id || !/^\d{1,12}$/.test(id)) return null;
  return embed("flourish", "chart", `https://public.flourish.studio/${type}/${id}/`, `https://flo.uri.sh/${type}/${id}/embed`, 500);
}

const MATCHERS = [youtube, vimeo, x, instagram, bluesky, mastodon, soundcloud, spotify, datawrapper, flourish];

/** The embed for a link, when it points at a post, video, track or chart of a known provider. */
export function matchEmbed(href: string): Embed | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password || (url.port && url.port !== "443" && url.port !== "80")) return null;
  for (const match of MATCHERS) {
    const found = match(url);
    if (found) return found;
  }
  return null;
}
