/**
 * Body media through the one pipeline: real WordPress block markup (captured from the test
 * WordPress, lib/html/fixtures/wordpress-media-post.html, and WordPress's oEmbed answers of each
 * provider) and markdown, including hostile input aimed at the new ways in.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fromHtml } from "hast-util-from-html";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import type { Element } from "hast";
import { renderMarkdown, sanitizeHtml, type RenderOptions } from "./pipeline";
import { EMBED_FRAME_ORIGINS, frameSourcesFromHtml } from "../embeds/csp.mjs";

const WP = "http://127.0.0.1:8088";
const wordpress: RenderOptions = { mediaOrigins: [WP], baseUrl: WP };
const SIZES: Record<string, { width: number; height: number }> = {
  "/content-images/quay.png": { width: 1200, height: 800 },
  "/content-images/boats/ferry.svg": { width: 1600, height: 900 },
  "/content-images/nets.png": { width: 900, height: 1200 },
};
const markdown: RenderOptions = { localImage: (src) => SIZES[src] };

/** Every element of some HTML, for queries a reader would make ("the figure with the caption…"). */
function all(html: string): Element[] {
  const out: Element[] = [];
  visit(fromHtml(html, { fragment: true }), "element", (node: Element) => {
    out.push(node);
  });
  return out;
}
const cls = (e: Element) => ((e.properties.className as string[] | undefined) ?? []).map(String);
const byClass = (html: string, name: string) => all(html).filter((e) => cls(e).includes(name));
const byTag = (html: string, tag: string) => all(html).filter((e) => e.tagName === tag);
const within = (e: Element, test: (x: Element) => boolean) => {
  const out: Element[] = [];
  visit(e, "element", (x: Element) => {
    if (x !== e && test(x)) out.push(x);
  });
  return out;
};
const facades = (html: string) =>
  byClass(html, "embed").map((figure) => {
    const frame = within(figure, (x) => cls(x).includes("embed-frame"))[0];
    const link = within(figure, (x) => x.tagName === "a" && cls(x).length === 0 && within(figure, (p) => cls(p).includes("embed-open") && p.children.includes(x)).length > 0)[0];
    const caption = within(figure, (x) => x.tagName === "figcaption")[0];
    const button = within(figure, (x) => x.tagName === "button")[0];
    return {
      provider: String(figure.properties.dataEmbedProvider),
      src: String(frame.properties.dataEmbedSrc),
      origin: String(frame.properties.dataEmbedOrigin),
      title: String(frame.properties.dataEmbedTitle),
      link: link ? { href: String(link.properties.href), text: toString(link) } : undefined,
      button: button ? String(button.properties.ariaLabel) : undefined,
      caption: caption ? toString(caption) : undefined,
      text: toString(figure),
    };
  });

/** Nothing in the output can run: no foreign elements, no handlers, no script URLs, frames only on known hosts. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<(iframe|script|object|embed|frame|style|svg|math|form)\b/i);
  expect(html).not.toMatch(/srcdoc/i);
  for (const e of all(html)) {
    for (const [name, value] of Object.entries(e.properties)) {
      expect(name, `${e.tagName} has ${name}`).not.toMatch(/^on/i);
      if (["href", "src", "srcSet", "poster", "cite", "dataEmbedSrc"].includes(name)) {
        for (const v of String(value).split(/,\s+/)) expect(v.trim(), `${e.tagName}[${name}]`).not.toMatch(/^(javascript|data|vbscript|file):/i);
      }
    }
    if (e.properties.dataEmbedSrc !== undefined) {
      const src = new URL(String(e.properties.dataEmbedSrc));
      expect(src.protocol).toBe("https:");
      expect(EMBED_FRAME_ORIGINS).toContain(src.origin);
      expect(e.properties.dataEmbedOrigin).toBe(src.origin);
    }
  }
}

describe("WordPress block markup, as the test WordPress renders it", () => {
  const fixture = fs.readFileSync(path.join(import.meta.dirname, "fixtures", "wordpress-media-post.html"), "utf8");
  const out = sanitizeHtml(fixture, wordpress);

  it("an embed block (oEmbed iframe) becomes a YouTube facade on youtube-nocookie.com, with its caption", () => {
    const [video] = facades(out.html);
    expect(video).toMatchObject({
      provider: "youtube",
      src: "https://www.youtube-nocookie.com/embed/Pw7Rb2kQx0A?autoplay=1",
      origin: "https://www.youtube-nocookie.com",
      title: "YouTube: Waves over the pier wall, Ellery Cove",
      link: { href: "https://www.youtube.com/watch?v=Pw7Rb2kQx0A", text: "Play on YouTube" },
      button: "Play here: Waves over the pier wall, Ellery Cove (YouTube)",
      caption: "Waves over the pier wall at two in the morning.",
    });
  });

  it("an X embed block (blockquote + widgets.js) becomes a facade that shows the post's words, and the script goes", () => {
    const post = facades(out.html)[1];
    expect(post).toMatchObject({
      provider: "x",
      src: "https://platform.twitter.com/embed/Tweet.html?id=1836000000000000001&dnt=true",
      link: { href: "https://x.com/ellerycovecg/status/1836000000000000001", text: "View post on X" },
      button: "Show here: Gusts of seventy knots at the point. Please stay off the pier walls tonight. (X)",
    });
    expect(post.text).toContain("— Ellery Cove Coastguard (@ellerycovecg) September 15, 2026");
    expect(out.html).not.toContain("widgets.js");
  });

  it("an image block keeps its size and WordPress's srcset and sizes; it loads lazily and decodes off the main thread", () => {
    const nodes = all(out.html);
    const img = nodes.find((i) => i.tagName === "img" && String(i.properties.src).endsWith("/gale-pier.png"))!;
    expect(img.properties).toMatchObject({
      src: `${WP}/wp-content/uploads/2026/12/gale-pier.png`,
      alt: "Spray rising over a stone pier under a dark sky",
      width: 800,
      height: 450,
      sizes: "(max-width: 800px) 100vw, 800px",
      loading: "lazy",
      decoding: "async",
    });
    expect(String(img.properties.srcSet).split(", ")).toEqual([
      `${WP}/wp-content/uploads/2026/12/gale-pier.png 800w`,
      `${WP}/wp-content/uploads/2026/12/gale-pier-300x169.png 300w`,
      `${WP}/wp-content/uploads/2026/12/gale-pier-768x432.png 768w`,
    ]);
    const figure = nodes.find((e) => e.tagName === "figure" && e.children.includes(img))!;
    expect(toString(within(figure, (x) => x.tagName === "figcaption")[0])).toBe("The pier at first light. Photo: Marta Okafor");
  });

  it("a gallery stays a gallery: three captioned pictures in one figure", () => {
    const [gallery] = byClass(out.html, "gallery");
    expect(gallery.tagName).toBe("figure");
    const pictures = within(gallery, (x) => x.tagName === "img");
    expect(pictures.map((p) => p.properties.alt)).toEqual(["Small boats pulled high up the slipway", "Nets and floats piled against a wall", "The lifeboat slip covered in seaweed"]);
    expect(pictures.every((p) => p.properties.width === 800 && p.properties.height === 450 && String(p.properties.srcSet).includes("300w"))).toBe(true);
    expect(toString(gallery.children.filter((c): c is Element => c.type === "element" && c.tagName === "figcaption")[0])).toBe("Boats, nets and the lifeboat slip the morning after.");
  });

  it("a pull quote keeps its quote and its attribution", () => {
    const [quote] = byClass(out.html, "pullquote");
    expect(quote.tagName).toBe("figure");
    expect(toString(within(quote, (x) => x.tagName === "p")[0])).toBe("I have lived on this cove for fifty years and never seen the sea come over the chapel steps.");
    expect(toString(within(quote, (x) => x.tagName === "cite")[0])).toBe("Agnes Pell, Quay Row");
  });

  it("a table sits in a named region that scrolls sideways, inside its captioned figure", () => {
    const [region] = byClass(out.html, "table-scroll");
    expect(region.properties).toMatchObject({ role: "region", tabIndex: 0, ariaLabel: "Readings at the pier gauge through Sunday night." });
    expect(within(region, (x) => x.tagName === "th").map((th) => toString(th))).toEqual(["Time", "Water at the gauge", "Gust", "Wind from", "Pressure", "What happened"]);
    expect(within(region, (x) => x.tagName === "tr")).toHaveLength(6);
  });

  it("an audio block keeps its player, with controls, loading nothing until played", () => {
    const [audio] = byTag(out.html, "audio");
    expect(audio.properties).toMatchObject({ src: `${WP}/wp-content/uploads/2026/12/foghorn.wav`, controls: true, preload: "none" });
  });

  it("keeps the outline and leaves the facades' buttons out of the readable text; nothing to report", () => {
    expect(out.headings.map((h) => h.text)).toEqual(["What the coastguard said", "In pictures", "The night in numbers"]);
    expect(out.text).toContain("Waves over the pier wall at two in the morning.");
    expect(out.text).not.toMatch(/Play here|Show here|Play on YouTube|View post on X|loads content from/);
    expect(out.media.notices).toEqual([]);
    expectInert(out.html);
    expect(frameSourcesFromHtml(out.html)).toEqual(["https://www.youtube-nocookie.com", "https://platform.twitter.com"]);
  });
});

/** An embed block as WordPress wraps each provider's oEmbed answer (or the bare URL it could not resolve). */
const block = (provider: string, inner: string, caption = "") =>
  `<figure class="wp-block-embed is-type-rich is-provider-${provider} wp-block-embed-${provider}"><div class="wp-block-embed__wrapper">\n${inner}\n</div>${caption ? `<figcaption class="wp-element-caption">${caption}</figcaption>` : ""}</figure>`;

describe("WordPress embed blocks of every provider", () => {
  const cases: [string, string, string][] = [
    ["vimeo (URL WordPress could not resolve)", block("vimeo", "https://vimeo.com/76979871"), "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"],
    [
      "vimeo (oEmbed iframe)",
      block("vimeo", '<iframe title="Dusk at the pier" src="https://player.vimeo.com/video/76979871?h=8272103f6e&amp;dnt=1&amp;app_id=122963" width="500" height="281" frameborder="0" allow="autoplay; fullscreen; picture-in-picture"></iframe>'),
      "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=8272103f6e",
    ],
    [
      "instagram",
      block(
        "instagram",
        '<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-permalink="https://www.instagram.com/p/C9hWrenLx4Q/?utm_source=ig_embed&amp;utm_campaign=loading" data-instgrm-version="14" style="background:#FFF; border:0;"><div style="padding:16px;"><a href="https://www.instagram.com/p/C9hWrenLx4Q/?utm_source=ig_embed" style="background:#FFFFFF;" target="_blank"><div style="display: flex;">View this post on Instagram</div></a><p style="margin:8px 0 0 0;"><a href="https://www.instagram.com/p/C9hWrenLx4Q/?utm_source=ig_embed" target="_blank">A post shared by Ellery Cove Lifeboat (@ecovelifeboat)</a></p></div></blockquote><script async src="//www.instagram.com/embed.js"></script>',
      ),
      "https://www.instagram.com/p/C9hWrenLx4Q/embed/",
    ],
    [
      "bluesky",
      block(
        "bluesky",
        '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3l6oveex3ii2l" data-bluesky-cid="bafyreic"><p lang="en">The pier gauge read five metres.</p>&mdash; Courier (<a href="https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur?ref_src=embed">@courier.bsky.social</a>) <a href="https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3l6oveex3ii2l?ref_src=embed">September 15, 2026</a></blockquote><script async src="https://embed.bsky.app/static/embed.js" charset="utf-8"></script>',
      ),
      "https://embed.bsky.app/embed/did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3l6oveex3ii2l",
    ],
    [
      "mastodon",
      block("mastodon", '<iframe src="https://mastodon.social/@ellerycove/113224466880011223/embed" class="mastodon-embed" style="max-width: 100%; border: 0" width="400" allowfullscreen="allowfullscreen"></iframe><script src="https://mastodon.social/embed.js" async="async"></script>'),
      "https://mastodon.social/@ellerycove/113224466880011223/embed",
    ],
    [
      "soundcloud",
      block("soundcloud", '<iframe title="Foghorn by Ellery Cove Courier" width="500" height="400" scrolling="no" frameborder="no" src="https://w.soundcloud.com/player/?visual=true&#038;url=https%3A%2F%2Fapi.soundcloud.com%2Ftracks%2F293&#038;show_artwork=true&#038;maxwidth=500&#038;maxheight=750&#038;dnt=1"></iframe>'),
      "https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com%2Ftracks%2F293&auto_play=true&visual=false",
    ],
    [
      "spotify",
      block("spotify", '<iframe title="Spotify Embed: Storm songs" style="border-radius: 12px" width="100%" height="352" frameborder="0" allowfullscreen allow="autoplay; clipboard-write; encrypted-media; fullscreen; picture-in-picture" loading="lazy" src="https://open.spotify.com/embed/playlist/37i9dQZF1DXcBWIGoYBM5M?utm_source=oembed"></iframe>'),
      "https://open.spotify.com/embed/playlist/37i9dQZF1DXcBWIGoYBM5M",
    ],
  ];
  for (const [name, html, src] of cases) {
    it(`${name} → a facade framing ${new URL(src).host}, nothing of the embed code left`, () => {
      const out = sanitizeHtml(html, wordpress);
      const [f] = facades(out.html);
      expect(f?.src).toBe(src);
      expectInert(out.html);
      expect(out.media.notices).toEqual([]);
    });
  }

  it("Instagram's tower of styled divs is reduced to whose post it is", () => {
    const out = sanitizeHtml(cases[2][1], wordpress);
    expect(facades(out.html)[0].text).toContain("A post shared by Ellery Cove Lifeboat (@ecovelifeboat)");
    expect(out.html).not.toContain("View this post on Instagram");
  });

  it("a Datawrapper chart pasted with its resize script, and a Flourish chart pasted as its div and loader", () => {
    const out = sanitizeHtml(
      '<iframe title="Water at the gauge" aria-label="Line chart" id="datawrapper-chart-Xk3pQ" src="https://datawrapper.dwcdn.net/Xk3pQ/2/" scrolling="no" frameborder="0" style="width: 0; min-width: 100% !important; border: none;" height="400" data-external="1"></iframe><script type="text/javascript">!function(){"use strict";window.addEventListener("message",function(a){})}();</script>' +
        '<div class="flourish-embed flourish-map" data-src="visualisation/17345678"><script src="https://public.flourish.studio/resources/embed.js"></script></div>',
      wordpress,
    );
    expect(facades(out.html).map((f) => [f.src, f.title])).toEqual([
      ["https://datawrapper.dwcdn.net/Xk3pQ/2/", "Datawrapper: Water at the gauge"],
      ["https://flo.uri.sh/visualisation/17345678/embed", "Flourish: chart"],
    ]);
    expectInert(out.html);
    expect(out.media.notices).toEqual(["an inline <script> was removed"]);
  });

  it("a provider Masthead does not know becomes a visible link to the post, with the caption, and is reported", () => {
    const out = sanitizeHtml(block("reddit", "https://www.reddit.com/r/ellerycove/comments/abc123/the_pier/", "A reader’s thread"), wordpress);
    expect(out.html).toBe(
      '<figure><p class="embed-unknown"><a href="https://www.reddit.com/r/ellerycove/comments/abc123/the_pier/" rel="noopener noreferrer">Embedded content from www.reddit.com</a></p><figcaption>A reader’s thread</figcaption></figure>',
    );
    expect(out.media.notices).toEqual(["a WordPress embed block from www.reddit.com is shown as a link"]);
  });

  it("a TikTok blockquote keeps its words and links to the video; its loader never runs", () => {
    const out = sanitizeHtml(
      '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@ecove/video/7000000000000000000" data-video-id="7000000000000000000"><section><a href="https://www.tiktok.com/@ecove">@ecove</a> Spray at the pier</section></blockquote><script async src="https://www.tiktok.com/embed.js"></script>',
      wordpress,
    );
    expect(out.html).toContain("Spray at the pier");
    expect(out.html).toContain('<a href="https://www.tiktok.com/@ecove/video/7000000000000000000" rel="noopener noreferrer">Embedded content from www.tiktok.com</a>');
    expectInert(out.html);
  });

  it("a legacy gallery (a list of items) is a gallery too", () => {
    const out = sanitizeHtml(
      `<figure class="wp-block-gallery columns-2 is-cropped"><ul class="blocks-gallery-grid"><li class="blocks-gallery-item"><figure><img src="${WP}/wp-content/uploads/a.png" width="800" height="450" alt="A"><figcaption class="blocks-gallery-item__caption">One</figcaption></figure></li><li class="blocks-gallery-item"><figure><img src="${WP}/wp-content/uploads/b.png" width="800" height="450" alt="B"></figure></li></ul></figure>`,
      wordpress,
    );
    expect(out.html).toMatch(/^<figure class="gallery"><ul><li><figure><img /);
    expect(out.html).not.toContain('class=""');
    expect(byTag(out.html, "img")).toHaveLength(2);
  });
});

describe("WordPress images and audio", () => {
  it("keeps only srcset candidates on the WordPress host, and only plain sizes", () => {
    const out = sanitizeHtml(
      `<p>x</p><p>x</p><p>x</p><img src="${WP}/u/a.png" width="800" height="450" alt="" srcset="${WP}/u/a.png 800w, https://cdn.evil.example/a.png 300w, javascript:alert(1) 200w, /u/a-150.png 150w, ${WP}/u/a-2x.png 2x" sizes="(max-width: 800px) 100vw, 800px">` +
        `<img src="${WP}/u/b.png" width="800" height="450" alt="" srcset="${WP}/u/b.png 800w" sizes="100vw; background:url(x)">`,
      wordpress,
    );
    const [a, b] = byTag(out.html, "img");
    expect(a.properties.srcSet).toBe(`${WP}/u/a.png 800w, ${WP}/u/a-150.png 150w, ${WP}/u/a-2x.png 2x`);
    expect(b.properties.sizes).toBe("(min-width: 768px) 768px, 100vw");
  });

  it("sizes an image WordPress sent without width and height from its media details; without any, a fixed box", () => {
    const out = sanitizeHtml(`<img src="${WP}/u/known.png" alt="Known"><img src="${WP}/u/unknown.png" alt="Unknown">`, {
      ...wordpress,
      imageSizes: new Map([[`${WP}/u/known.png`, { width: 640, height: 480 }]]),
    });
    const [known, unknown] = byTag(out.html, "img");
    expect(known.properties).toMatchObject({ width: 640, height: 480 });
    expect(unknown.properties.width).toBeUndefined();
    expect(cls(unknown)).toEqual(["unsized"]);
    expect(out.media.notices).toEqual([`the image ${WP}/u/unknown.png has no known size; it is shown in a fixed 3:2 box`]);
  });

  it("an image or audio from anywhere else is a link, never a request from the reader's browser", () => {
    const out = sanitizeHtml('<p><img src="https://tracker.invalid/pixel.png" alt="" onerror="alert(1)"> Text.</p><figure class="wp-block-audio"><audio controls src="https://audio.invalid/x.mp3"></audio></figure>', wordpress);
    expect(out.html).toBe(
      '<p><a href="https://tracker.invalid/pixel.png" class="media-elsewhere" rel="noopener noreferrer">Image from tracker.invalid</a> Text.</p><figure><a href="https://audio.invalid/x.mp3" class="media-elsewhere" rel="noopener noreferrer">Embedded content from audio.invalid</a></figure>',
    );
    expect(out.media.notices).toHaveLength(2);
  });

  it("relative addresses in WordPress content are WordPress's own", () => {
    const out = sanitizeHtml('<img src="/wp-content/uploads/c.png" width="10" height="10" alt=""><audio src="/wp-content/uploads/c.mp3"></audio>', wordpress);
    expect(byTag(out.html, "img")[0].properties.src).toBe(`${WP}/wp-content/uploads/c.png`);
    expect(byTag(out.html, "audio")[0].properties.src).toBe(`${WP}/wp-content/uploads/c.mp3`);
  });
});

describe("markdown", () => {
  const providers: [string, string, string][] = [
    ["YouTube", "https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=1m30s", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1&start=90"],
    ["YouTube short link", "https://youtu.be/aqz-KE-bpKQ", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"],
    ["Vimeo", "https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"],
    ["X", "https://x.com/portwrencg/status/1843987654321098765", "https://platform.twitter.com/embed/Tweet.html?id=1843987654321098765&dnt=true"],
    ["Twitter", "https://twitter.com/portwrencg/status/1843987654321098765?s=20", "https://platform.twitter.com/embed/Tweet.html?id=1843987654321098765&dnt=true"],
    ["Instagram", "https://www.instagram.com/reel/C9hWrenLx4Q/", "https://www.instagram.com/reel/C9hWrenLx4Q/embed/"],
    ["Bluesky", "https://bsky.app/profile/harbourledger.bsky.social/post/3lkq7xw2nbs2a", "https://embed.bsky.app/embed/harbourledger.bsky.social/app.bsky.feed.post/3lkq7xw2nbs2a"],
    ["Mastodon", "https://mastodon.social/@portwrenmet/113224466880011223", "https://mastodon.social/@portwrenmet/113224466880011223/embed"],
    ["SoundCloud", "https://soundcloud.com/port-wren-silver-band/harbour-lights-sunday-set", "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fport-wren-silver-band%2Fharbour-lights-sunday-set&auto_play=true&visual=false"],
    ["Spotify", "https://open.spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC", "https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC"],
    ["Datawrapper", "https://datawrapper.dwcdn.net/Xk3pQ/2/", "https://datawrapper.dwcdn.net/Xk3pQ/2/"],
    ["Flourish", "https://public.flourish.studio/visualisation/17345678/", "https://flo.uri.sh/visualisation/17345678/embed"],
  ];
  for (const [name, url, src] of providers) {
    it(`a bare ${name} URL alone on its line is an embed facade framing ${src}`, () => {
      const out = renderMarkdown(`Before.\n\n${url}\n\nAfter.`, markdown);
      const [f] = facades(out.html);
      expect(f.src).toBe(src);
      expect(f.link?.href).toMatch(/^https:\/\//);
      expect(out.html).toMatch(/^<p>Before\.<\/p>\n<figure class="embed /);
      expect(out.html).toMatch(/<\/figure>\n<p>After\.<\/p>$/);
      expectInert(out.html);
    });
  }

  it("a provider link inside a sentence, or with words of its own, stays a link", () => {
    const out = renderMarkdown("Watch https://youtu.be/aqz-KE-bpKQ today.\n\n[The council meeting](https://youtu.be/aqz-KE-bpKQ)");
    expect(facades(out.html)).toEqual([]);
    expect(byTag(out.html, "a")).toHaveLength(2);
  });

  it("an unknown URL alone on its line stays a plain link (only embeds from unknown hosts become notices)", () => {
    const out = renderMarkdown("https://example.org/report");
    expect(out.html).toBe('<p><a href="https://example.org/report" rel="noopener noreferrer">https://example.org/report</a></p>');
    expect(out.media.notices).toEqual([]);
  });

  it("an allow-listed iframe is a facade titled as the iframe was; an unknown one a link, reported once", () => {
    const out = renderMarkdown(
      '<iframe width="560" height="315" src="https://www.youtube.com/embed/Gw4sL8nWr2E?si=k3Lq" title="The whale lantern" allow="autoplay" allowfullscreen></iframe>\n\n' +
        '<iframe src="https://maps.quayside-tiles.example/embed?route=lanterns&amp;zoom=16"></iframe>\n\n<iframe src="https://maps.quayside-tiles.example/other"></iframe>',
      markdown,
    );
    expect(facades(out.html).map((f) => [f.src, f.title])).toEqual([["https://www.youtube-nocookie.com/embed/Gw4sL8nWr2E?autoplay=1", "YouTube: The whale lantern"]]);
    expect(out.html).toContain('<p class="embed-unknown"><a href="https://maps.quayside-tiles.example/embed?route=lanterns&#x26;zoom=16" rel="noopener noreferrer">Embedded content from maps.quayside-tiles.example</a></p>');
    expect(out.media.notices).toEqual(["an <iframe> from maps.quayside-tiles.example is shown as a link"]);
  });

  it("an iframe in the middle of a paragraph splits it, the embed between the halves", () => {
    const out = renderMarkdown('Listen <iframe src="https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk"></iframe> now.');
    expect(out.html).toMatch(/^<p>Listen <\/p><figure class="embed embed-audio" data-embed-provider="spotify">.*<\/figure><p> now\.<\/p>$/s);
  });

  it("a figure with a URL and a caption is an embed with that caption", () => {
    const out = renderMarkdown("<figure>\nhttps://datawrapper.dwcdn.net/Xk3pQ/2/\n<figcaption>Visitors. <small>Chart: festival office</small></figcaption>\n</figure>");
    expect(facades(out.html)[0]).toMatchObject({ provider: "datawrapper", caption: "Visitors. Chart: festival office" });
  });

  it("local images get their file's size, next/image sources for rasters, lazy loading below the first screen and captions from titles", () => {
    const out = renderMarkdown(
      '![The quay](/content-images/quay.png "The quay at dawn.")\n\nText.\n\nMore text.\n\n' +
        '<figure><img src="/content-images/boats/ferry.svg" alt="The ferry"><figcaption>The ferry. <small>Illustration: The Ledger</small></figcaption></figure>\n\n' +
        "Inline ![nets](/content-images/nets.png) picture.",
      markdown,
    );
    const [quay, ferry, nets] = byTag(out.html, "img");
    expect(quay.properties).toMatchObject({ width: 1200, height: 800, loading: "eager", decoding: "async", sizes: "(min-width: 768px) 768px, 100vw" });
    expect(quay.properties.src).toBe("/_next/image?url=%2Fcontent-images%2Fquay.png&w=3840&q=75");
    expect(String(quay.properties.srcSet)).toContain("/_next/image?url=%2Fcontent-images%2Fquay.png&w=640&q=75 640w");
    expect(quay.properties.title).toBeUndefined();
    expect(out.html).toContain("<figcaption>The quay at dawn.</figcaption>");
    expect(ferry.properties).toMatchObject({ src: "/content-images/boats/ferry.svg", width: 1600, height: 900, loading: "lazy", decoding: "async" });
    expect(ferry.properties.srcSet).toBeUndefined(); // SVGs are sent as they are
    expect(nets.properties).toMatchObject({ width: 900, height: 1200, loading: "lazy" });
    expect(out.media.problems).toEqual([]);
    expect(out.media.localImages).toEqual({ "/content-images/quay.png": SIZES["/content-images/quay.png"], "/content-images/boats/ferry.svg": SIZES["/content-images/boats/ferry.svg"], "/content-images/nets.png": SIZES["/content-images/nets.png"] });
  });

  it("a missing local image or a relative address is a content problem; an image from elsewhere a link", () => {
    const out = renderMarkdown("![a](/content-images/missing.png)\n\n![b](photos/b.png)\n\n![c](https://cdn.elsewhere.example/c.jpg)", markdown);
    expect(out.media.problems).toEqual([
      "image /content-images/missing.png: no such file in images/",
      "image photos/b.png: must be a file in images/ (/content-images/…) or an https:// address",
    ]);
    expect(out.html).toContain('<a href="https://cdn.elsewhere.example/c.jpg" class="media-elsewhere" rel="noopener noreferrer">Image from cdn.elsewhere.example: c</a>');
  });

  it("wraps GFM tables in a scrolling region, numbered when they have no caption", () => {
    const out = renderMarkdown("| a | b |\n|---|---|\n| 1 | 2 |\n\ntext\n\n| c |\n|---|\n| 3 |");
    expect(byClass(out.html, "table-scroll").map((r) => r.properties.ariaLabel)).toEqual(["Table 1", "Table 2"]);
  });

  it("pull quotes and galleries written by hand get the same styles", () => {
    const out = renderMarkdown('<blockquote class="pullquote wild"><p>Quote</p></blockquote>\n\n<figure class="gallery other"><figure><img src="/content-images/quay.png" alt=""></figure></figure>', markdown);
    expect(out.html).toMatch(/^<blockquote class="pullquote">/);
    expect(out.html).toContain('<figure class="gallery"><figure><img');
  });
});

describe("in the site's language", () => {
  it("says the facade's and the links' words through the catalogue (here French and Arabic)", async () => {
    const { renderOptionsFor } = await import("../i18n/translate");
    const fr = renderMarkdown('https://vimeo.com/76979871\n\n<iframe src="https://maps.example/x"></iframe>\n\n![Quai](https://cdn.example/q.png)', { ...markdown, ...renderOptionsFor("fr") });
    const [f] = facades(fr.html);
    expect(f).toMatchObject({ button: "Lire ici\u00a0: Vimeo", link: { href: "https://vimeo.com/76979871", text: "Lire sur Vimeo" } });
    expect(f.text).toContain("Ceci charge du contenu de Vimeo, qui peut déposer des cookies.");
    expect(fr.html).toContain(">Contenu intégré de maps.example</a>");
    expect(fr.html).toContain(">Image de cdn.example\u00a0: Quai</a>");
    const ar = renderMarkdown("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", renderOptionsFor("ar"));
    expect(facades(ar.html)[0].link?.text).toBe("استمع على Spotify");
  });
});

describe("hostile input aimed at embeds executes nothing", () => {
  const payloads = [
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>" onload="alert(1)" allow="camera; geolocation"></iframe>',
    '<iframe src="https://www.youtube.com/embed/aqz-KE-bpKQ&quot; onload=&quot;alert(1)"></iframe>',
    "<iframe src=\"https://player.vimeo.com/video/76979871\" title='\"><img src=x onerror=alert(1)>' onload=\"alert(1)\" allow=\"camera\" sandbox=\"allow-top-navigation\"></iframe>",
    '<iframe src="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<iframe src=" JaVaScRiPt:alert(1)"></iframe><iframe src="//evil.invalid/x"></iframe><frame src="https://evil.invalid/f">',
    "https://www.youtube.com/watch?v=aqz-KE-bpKQ\"><script>alert(1)</script>",
    "https://www.youtube.com/watch?v=aqz-KE-bpKQ'onmouseover='alert(1)",
    'https://x.com/a/status/1"onload="alert(1)',
    '<figure><iframe src="https://open.spotify.com/embed/track/4uLU6hMCjMI75M1A2tKUQC"></iframe><figcaption><img src="https://x.invalid/y" onerror=alert(1)><script>alert(1)</script>Caption <a href="javascript:alert(1)">link</a><svg onload=alert(1)></svg></figcaption></figure>',
    '<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper">javascript:alert(1)</div><figcaption onclick="alert(1)"><iframe src="https://www.youtube.com/embed/aqz-KE-bpKQ"></iframe></figcaption></figure>',
    '<blockquote class="twitter-tweet" onmouseover="alert(1)"><p>hi<img src=x onerror=alert(1)></p><a href="javascript:alert(1)">x</a><a href="https://twitter.com/a/status/123">date</a></blockquote><script>alert(1)</script>',
    '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:x\"><script>alert(1)</script>/app.bsky.feed.post/3l"><p>q</p></blockquote>',
    '<object data="javascript:alert(1)"></object><object data="https://evil.invalid/x.swf"><param name="x" value="y"><embed src="https://evil.invalid/y.swf"></object>',
    '<embed src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<script src="https://platform.twitter.com/widgets.js"></script><script src="https://evil.invalid/x.js"></script><script type="module">alert(1)</script>',
    '<div class="flourish-embed" data-src="visualisation/1&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"></div>',
    // Markup imitating what only the pipeline may write: facades, markers and their attributes.
    '<figure class="embed embed-video" data-embed-provider="youtube"><div class="embed-frame" data-embed-origin="https://evil.invalid" data-embed-src="javascript:alert(1)"><button data-embed-load onclick="alert(1)">Play</button></div></figure>',
    '<a data-embed="iframe" href="javascript:alert(1)">x</a><a data-embed="evil" href="https://evil.invalid">y</a><p><a data-embed="quote" href="https://evil.invalid/post">z</a></p>',
    '<audio src="javascript:alert(1)" onplay="alert(1)" autoplay></audio><video poster="javascript:alert(1)" src="https://evil.invalid/v.mp4"></video>',
    '<img src="https://127.0.0.1:8088/x.png" srcset="javascript:alert(1) 1x, data:image/png;base64,AAAA 2x" onerror="alert(1)">',
  ];
  for (const [i, payload] of payloads.entries()) {
    for (const [name, render] of [
      ["markdown", (s: string) => renderMarkdown(s, markdown)],
      ["WordPress", (s: string) => sanitizeHtml(s, wordpress)],
    ] as const) {
      it(`payload ${i + 1} (${name}) is inert: ${payload.slice(0, 60)}…`, () => {
        const out = render(payload);
        // Structure, not text: words like "onerror" may remain as harmless text or escaped attribute values.
        expectInert(out.html);
        expect(out.html).not.toContain("data-embed=");
        // A facade only ever frames a known provider.
        for (const origin of frameSourcesFromHtml(out.html)) expect(EMBED_FRAME_ORIGINS).toContain(origin);
      });
    }
  }

  it("(the check itself catches what it looks for)", () => {
    for (const bad of ['<img src="a.png" onerror="x()">', "<iframe src=\"https://a.example\"></iframe>", '<a href="javascript:x()">x</a>', '<div data-embed-src="https://evil.example/" data-embed-origin="https://evil.example"></div>']) {
      expect(() => expectInert(bad), bad).toThrow();
    }
  });

  it("the imitation facade keeps none of its attributes: nothing for the island or the CSP to act on", () => {
    const out = sanitizeHtml(payloads[18], wordpress);
    expect(out.html).not.toMatch(/data-embed-(src|origin)|<button/);
    expect(frameSourcesFromHtml(out.html)).toEqual([]);
  });

  it("an author-written marker link to an unknown host is just an unknown embed link; a bogus marker value is dropped", () => {
    const out = sanitizeHtml(payloads[19], wordpress);
    expect(out.html).not.toContain("javascript:");
    expect(out.html).toContain("Embedded content from evil.invalid");
    expect(out.html).toContain('<a href="https://evil.invalid" rel="noopener noreferrer">y</a>');
  });
});
