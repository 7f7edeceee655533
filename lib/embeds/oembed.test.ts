import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript helper shared with the e2e fixture script
import { coverPicture, harbourPicture, png, startOembedStandIn } from "../../tests/embeds/stand-in.mjs";
import { embedUrlsIn, fetchPreview, hasPreviewEndpoint, LIMITS, needsFetch, oembedEndpoint, PreviewError, PreviewSession, readPreview, resetOffline } from "./oembed";
import { matchEmbed } from "./providers";
import { renderMarkdown } from "../html/pipeline";
import { unified } from "unified";
import rehypeParse from "rehype-parse";
import { visit } from "unist-util-visit";
import { makeContentDir, validArticle } from "../../tests/fixture";
import { updateContentIndex } from "../sources/markdown/index-writer";
import { IndexReader } from "../sources/markdown/index-reader";
import { indexFile } from "../sources/markdown/index-schema";
import { WordPressSource } from "../sources/wordpress/source";
import { wordpressPost } from "../../tests/wordpress-post";

type StandIn = { url: string; hits: { path: string; url: string | null; userAgent?: string }[]; close: () => Promise<void> };

const VIDEO = "https://www.youtube.com/watch?v=Pw7Rb2kQx0A";
const VIMEO = "https://vimeo.com/824519067";
const picture: Buffer = harbourPicture(480, 270);
const TRACK = "https://soundcloud.com/port-wren-silver-band/harbour-lights-sunday-set";
const EPISODE = "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk";
const cover: Buffer = coverPicture(300, 200);

const items: Record<string, object> = {
  [VIDEO]: { title: "Lantern flotilla from the lifeboat", author: "Port Wren Lifeboat", picture },
  [VIMEO]: { title: "The Tide Comes for Tea — rehearsals", author: "Net Loft Theatre", picture: png(64, 36, () => [200, 80, 40]) },
  "https://www.youtube.com/watch?v=aaaaaaaaaaa": { title: "Too big a picture", picture: Buffer.concat([picture, Buffer.alloc(LIMITS.imageBytes)]) },
  "https://www.youtube.com/watch?v=bbbbbbbbbbb": { title: "A page, not a picture", picture: Buffer.from("<html>hi</html>"), pictureType: "text/html" },
  "https://www.youtube.com/watch?v=ccccccccccc": { title: "Says PNG, is text", picture: Buffer.from("not a png at all, only words"), pictureType: "image/png" },
  "https://www.youtube.com/watch?v=ddddddddddd": { title: "Picture elsewhere", pictureUrl: "https://tracker.example/pixel.png" },
  "https://www.youtube.com/watch?v=eeeeeeeeeee": { body: "<html>not json</html>", contentType: "text/html" },
  "https://www.youtube.com/watch?v=fffffffffff": { body: JSON.stringify({ title: "x".repeat(LIMITS.jsonBytes) }) },
  "https://www.youtube.com/watch?v=ggggggggggg": { status: 503 },
  "https://www.youtube.com/watch?v=hhhhhhhhhhh": { hang: true },
  "https://www.youtube.com/watch?v=iiiiiiiiiii": { title: '<img src=x onerror="alert(1)">\u202eHostile\u0007 title', author: "<b>Mallory</b>", picture },
  "https://www.youtube.com/watch?v=jjjjjjjjjjj": { title: "No picture at all" },
  [TRACK]: { title: "Harbour Lights Sunday Set", author: "Port Wren Silver Band", picture: cover, pictureWidth: 300, pictureHeight: 300 },
  [EPISODE]: { title: "Eighteen years of lanterns", picture: coverPicture(640, 40), pictureWidth: 640, pictureHeight: 640 },
  "https://open.spotify.com/track/0000000000000000000000": { title: "Cover elsewhere", pictureUrl: "https://images.example/cover.png" },
};

let standIn: StandIn;
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-oembed-"));
  dirs.push(d);
  return d;
};
const env = () => ({ OEMBED_URL: standIn.url, OEMBED_TIMEOUT_MS: "800" }) as unknown as NodeJS.ProcessEnv;
const envOf = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv;
const refusal = async (url: string) => {
  try {
    await fetchPreview(tmp(), url, fetch, env());
  } catch (error) {
    return error as PreviewError;
  }
  throw new Error(`${url} gave a preview`);
};

/** A port nothing listens on: opened, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  standIn = await startOembedStandIn({ items });
});
afterAll(async () => {
  await standIn.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
afterEach(() => resetOffline());

describe("fetchPreview against a local stand-in of the endpoints", () => {
  it("keeps the title, the author and the picture (a real image, named by its bytes, sized from them)", async () => {
    const dir = tmp();
    const preview = await fetchPreview(dir, VIDEO, fetch, env());
    expect(preview.title).toBe("Lantern flotilla from the lifeboat");
    expect(preview.author).toBe("Port Wren Lifeboat");
    expect(preview.thumbnail).toMatchObject({ width: 480, height: 270 });
    expect(preview.thumbnail!.src).toMatch(/^\/content-images\/_embeds\/[0-9a-f]{32}\.png$/);
    const file = path.join(dir, path.basename(preview.thumbnail!.src));
    expect(fs.readFileSync(file).equals(picture)).toBe(true);
    expect(readPreview(dir, VIDEO)).toEqual(preview);
    const asked = standIn.hits.filter((h) => h.url === VIDEO);
    expect(asked.at(-1)).toMatchObject({ path: "/youtube" });
    expect(asked.at(-1)!.userAgent).toMatch(/^Masthead\//);
    // The picture gone from the cache: the preview is shown without it, and asked for again.
    fs.rmSync(file);
    expect(readPreview(dir, VIDEO)?.thumbnail).toBeUndefined();
    expect(needsFetch(dir, VIDEO)).toBe(true);
  });

  it("refuses pictures too large, of another type, whose bytes are not an image, or on another host", async () => {
    expect((await refusal("https://www.youtube.com/watch?v=aaaaaaaaaaa")).message).toMatch(/more than 2097152/);
    expect((await refusal("https://www.youtube.com/watch?v=bbbbbbbbbbb")).message).toMatch(/type "text\/html"/);
    expect((await refusal("https://www.youtube.com/watch?v=ccccccccccc")).message).toMatch(/not an image/);
    expect((await refusal("https://www.youtube.com/watch?v=ddddddddddd")).message).toMatch(/not one of the provider's hosts/);
    expect(standIn.hits.some((h) => h.path === "/pixel.png")).toBe(false);
  });

  it("tells garbage, oversized answers, server errors, time-outs and a provider's no apart", async () => {
    expect(await refusal("https://www.youtube.com/watch?v=eeeeeeeeeee")).toMatchObject({ kind: "invalid", message: "the answer is not JSON" });
    expect(await refusal("https://www.youtube.com/watch?v=fffffffffff")).toMatchObject({ kind: "invalid", message: /more than 65536 bytes/ });
    expect(await refusal("https://www.youtube.com/watch?v=ggggggggggg")).toMatchObject({ kind: "unreachable", message: "HTTP 503" });
    expect(await refusal("https://www.youtube.com/watch?v=hhhhhhhhhhh")).toMatchObject({ kind: "unreachable", message: /no answer within 0.8 s/ });
    // A video the provider does not know (404): believed for a day, then asked again.
    const dir = tmp();
    await expect(fetchPreview(dir, "https://www.youtube.com/watch?v=zzzzzzzzzzz", fetch, env())).rejects.toMatchObject({ kind: "refused", status: 404 });
    expect(needsFetch(dir, "https://www.youtube.com/watch?v=zzzzzzzzzzz")).toBe(false);
    expect(needsFetch(dir, "https://www.youtube.com/watch?v=zzzzzzzzzzz", Date.now() + LIMITS.refusedTtlMs + 1000)).toBe(true);
    expect(readPreview(dir, "https://www.youtube.com/watch?v=zzzzzzzzzzz")).toBeUndefined();
  });

  it("keeps a title without a picture; cleans control and bidi-override characters out of text", async () => {
    const dir = tmp();
    expect(await fetchPreview(dir, "https://www.youtube.com/watch?v=jjjjjjjjjjj", fetch, env())).toEqual({ title: "No picture at all" });
    const hostile = await fetchPreview(dir, "https://www.youtube.com/watch?v=iiiiiiiiiii", fetch, env());
    expect(hostile.title).toBe('<img src=x onerror="alert(1)"> Hostile title');
  });
});

describe("audio providers: SoundCloud and Spotify (decision 0270)", () => {
  it("asks each provider's own endpoint, and takes pictures only from its image hosts", () => {
    expect(oembedEndpoint("soundcloud", envOf({}))).toEqual({ url: "https://soundcloud.com/oembed", imageHosts: ["i1.sndcdn.com"] });
    expect(oembedEndpoint("spotify", envOf({}))).toEqual({ url: "https://open.spotify.com/oembed", imageHosts: ["i.scdn.co", "image-cdn-ak.spotifycdn.com"] });
    // A stand-in: its host serves the pictures too.
    expect(oembedEndpoint("spotify", envOf({ OEMBED_URL: "http://127.0.0.1:9/oembed/" }))).toEqual({
      url: "http://127.0.0.1:9/oembed/spotify",
      imageHosts: ["i.scdn.co", "image-cdn-ak.spotifycdn.com", "127.0.0.1"],
    });
    expect(oembedEndpoint("soundcloud", envOf({ EMBED_PREVIEWS: "0" }))).toBeNull();
    expect(oembedEndpoint("x", envOf({}))).toBeNull();
  });

  it("asks only for the pages the endpoints answer: a SoundCloud track or set, a Spotify track, album, episode or show", () => {
    const has = (url: string) => hasPreviewEndpoint(matchEmbed(url)!);
    expect(has(TRACK)).toBe(true);
    expect(has("https://soundcloud.com/port-wren-silver-band/sets/festival-2026")).toBe(true);
    for (const type of ["track", "album", "episode", "show"]) expect(has(`https://open.spotify.com/${type}/4rOoJ6Egrf8K2IrywzwOMk`), type).toBe(true);
    expect(has("https://open.spotify.com/playlist/4rOoJ6Egrf8K2IrywzwOMk")).toBe(false);
    // The player address of an API track is no page the endpoint knows.
    expect(has("https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com%2Ftracks%2F293")).toBe(false);
    expect(embedUrlsIn(`${TRACK}\n\nhttps://open.spotify.com/playlist/4rOoJ6Egrf8K2IrywzwOMk\n\nhttps://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk\n`).sort()).toEqual([EPISODE, TRACK]);
  });

  it("keeps a SoundCloud track's title, author and square cover; a Spotify episode's title and cover without an author", async () => {
    const dir = tmp();
    const track = await fetchPreview(dir, TRACK, fetch, env());
    expect(track).toMatchObject({ title: "Harbour Lights Sunday Set", author: "Port Wren Silver Band", thumbnail: { width: 300, height: 300 } });
    expect(fs.readFileSync(path.join(dir, path.basename(track.thumbnail!.src))).equals(cover)).toBe(true);
    expect(standIn.hits.filter((h) => h.url === TRACK).at(-1)).toMatchObject({ path: "/soundcloud" });
    const episode = await fetchPreview(dir, EPISODE, fetch, env());
    expect(episode).toEqual({ title: "Eighteen years of lanterns", thumbnail: { src: expect.stringMatching(/^\/content-images\/_embeds\/[0-9a-f]{32}\.png$/), width: 640, height: 640 } });
    expect(standIn.hits.filter((h) => h.url === EPISODE).at(-1)).toMatchObject({ path: "/spotify" });
  });

  it("refuses a cover on a host that is not the provider's, and never asks it", async () => {
    expect((await refusal("https://open.spotify.com/track/0000000000000000000000")).message).toMatch(/not one of the provider's hosts/);
    // The real endpoints: a picture on the provider's host is fetched; one anywhere else is not.
    const asked: string[] = [];
    const fake = (answer: object) =>
      (async (input: string | URL | Request) => {
        const url = String(input);
        asked.push(url);
        if (url.startsWith("https://open.spotify.com/oembed?")) return new Response(JSON.stringify(answer), { headers: { "Content-Type": "application/json" } });
        if (url.startsWith("https://i.scdn.co/")) return new Response(new Uint8Array(cover), { headers: { "Content-Type": "image/png" } });
        return new Response("", { status: 404 });
      }) as typeof fetch;
    const dir = tmp();
    const good = await fetchPreview(dir, EPISODE, fake({ title: "Eighteen years", thumbnail_url: "https://i.scdn.co/image/ab67656300005f1f" }), envOf({}));
    expect(good.thumbnail).toMatchObject({ width: 300, height: 300 });
    expect(asked[0]).toBe(`https://open.spotify.com/oembed?format=json&maxwidth=1280&url=${encodeURIComponent(EPISODE)}`);
    asked.length = 0;
    await expect(fetchPreview(tmp(), EPISODE, fake({ title: "Eighteen years", thumbnail_url: "https://i.sndcdn.com.evil.example/a.png" }), envOf({}))).rejects.toMatchObject({
      kind: "invalid",
      message: /not one of the provider's hosts/,
    });
    expect(asked).toHaveLength(1);
  });

  it("the audio facade: the cover beside the words, sized as a small square; without a preview, today's box", () => {
    const previews: Record<string, object> = {
      [TRACK]: { title: "Harbour Lights Sunday Set", author: "Port Wren Silver Band", thumbnail: { src: "/content-images/_embeds/0123456789abcdef0123456789abcdef.png", width: 300, height: 300 } },
    };
    const { html, media } = renderMarkdown(`${TRACK}\n\n${EPISODE}\n`, { embedPreview: (url) => previews[url] as never });
    const [withCover, without] = html.split('<figure class="embed embed-audio"').slice(1);
    expect(withCover).toContain('<p class="embed-title" dir="auto">Harbour Lights Sunday Set</p>');
    expect(withCover).toContain('SoundCloud · <span class="embed-author" dir="auto">Port Wren Silver Band</span>');
    expect(withCover).toMatch(/<img class="embed-thumb" src="[^"]+" alt="" width="300" height="300" srcset="[^"]+" sizes="\(min-width: 640px\) 128px, 96px" loading="lazy" decoding="async">/);
    expect(withCover).toContain('aria-label="Play here: Harbour Lights Sunday Set (SoundCloud)"');
    expect(without).not.toContain("embed-thumb");
    expect(without).not.toContain("data-embed-picture");
    expect(without).toContain('<p class="embed-title" dir="auto">Spotify</p>');
    expect(media.embedPreviews).toEqual({ [TRACK]: expect.stringMatching(/^[\w-]{16}$/), [EPISODE]: "" });
  });
});

describe("PreviewSession: one update's fetching", () => {
  it("fetches what is missing once; a second session finds it in the cache", async () => {
    const dir = tmp();
    const before = standIn.hits.length;
    const first = new PreviewSession(dir, fetch, env());
    await first.ensure([VIDEO, VIMEO, VIDEO]);
    expect(first.fetched).toBe(2);
    expect(first.summary()).toBeNull();
    expect(standIn.hits.length - before).toBe(4); // two answers, two pictures
    const second = new PreviewSession(dir, fetch, env());
    await second.ensure([VIDEO, VIMEO]);
    expect(second.fetched).toBe(0);
    expect(standIn.hits.length - before).toBe(4);
  });

  it("without network: one line for all of them, one attempt, and nothing fails", async () => {
    const port = await closedPort();
    const session = new PreviewSession(tmp(), fetch, envOf({ OEMBED_URL: `http://127.0.0.1:${port}` }));
    const urls = ["aaaaaaaaaaa", "bbbbbbbbbbb", "ccccccccccc", "ddddddddddd", "eeeeeeeeeee", "fffffffffff"].map((id) => `https://www.youtube.com/watch?v=${id}`);
    await session.ensure(urls);
    const line = session.summary()!;
    expect(line.split("\n")).toHaveLength(1);
    expect(line).toMatch(/^\[embeds\] 6 embeds without title and picture: the oEmbed endpoints could not be reached \(127\.0\.0\.1: ECONNREFUSED\)/);
    // EMBED_PREVIEWS=0: nothing is asked, nothing said.
    const off = new PreviewSession(tmp(), fetch, envOf({ OEMBED_URL: standIn.url, EMBED_PREVIEWS: "0" }));
    const before = standIn.hits.length;
    await off.ensure([VIDEO]);
    expect(standIn.hits.length).toBe(before);
    expect(off.summary()).toBeNull();
  });

  it("finds the embeds of a markdown text: bare links and iframes, not other links", () => {
    const text = `Intro.\n\n${VIDEO}\n\n<iframe src="https://www.youtube.com/embed/Gw4sL8nWr2E?si=k3Lq"></iframe>\n\nSee [the site](https://example.com) and https://vimeo.com/824519067.\n\nhttps://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk\n`;
    expect(embedUrlsIn(text).sort()).toEqual([VIMEO, "https://www.youtube.com/watch?v=Gw4sL8nWr2E", VIDEO, EPISODE].sort());
  });
});

describe("the facade with a preview", () => {
  const previews = {
    [VIDEO]: { title: "Lantern flotilla from the lifeboat", author: "Port Wren Lifeboat", thumbnail: { src: "/content-images/_embeds/0123456789abcdef0123456789abcdef.png", width: 480, height: 270 } },
    "https://www.youtube.com/watch?v=iiiiiiiiiii": { title: '<img src=x onerror="alert(1)"> Hostile', author: "<b>Mallory</b>" },
  };
  const render = (md: string) => renderMarkdown(md, { embedPreview: (url) => previews[url as keyof typeof previews] });

  it("shows the title, the author and the self-hosted picture, sized and lazy; the button is named by the title", () => {
    const { html, media } = render(`${VIDEO}\n`);
    expect(html).toContain('<p class="embed-title" dir="auto">Lantern flotilla from the lifeboat</p>');
    expect(html).toContain('aria-label="Play here: Lantern flotilla from the lifeboat (YouTube)"');
    expect(html).toMatch(/<img class="embed-thumb" src="\/_next\/image\?url=%2Fcontent-images%2F_embeds%2F0123456789abcdef0123456789abcdef\.png&#x26;w=\d+&#x26;q=75" alt="" width="480" height="270" srcset="[^"]+" sizes="[^"]+" loading="lazy" decoding="async">/);
    expect(html).toContain("Port Wren Lifeboat");
    expect(html).toContain("data-embed-picture");
    expect(media.embedPreviews[VIDEO]).toMatch(/^[\w-]{16}$/);
  });

  it("renders a hostile title and author as text", () => {
    const { html } = render("https://www.youtube.com/watch?v=iiiiiiiiiii\n");
    const tree = unified().use(rehypeParse, { fragment: true }).parse(html);
    const tags: string[] = [];
    visit(tree, "element", (node: { tagName: string }) => void tags.push(node.tagName));
    expect(tags).not.toContain("img");
    expect(tags).not.toContain("b");
    expect(html).toContain("&#x3C;img src=x onerror=");
    expect(html).toContain("&#x3C;b>Mallory&#x3C;/b>");
  });

  it("without a preview: today's box, recorded as shown without one", () => {
    const { html, media } = render("https://www.youtube.com/watch?v=Gw4sL8nWr2E\n");
    expect(html).toContain('<p class="embed-title" dir="auto">YouTube</p>');
    expect(html).not.toContain("embed-thumb");
    expect(media.embedPreviews).toEqual({ "https://www.youtube.com/watch?v=Gw4sL8nWr2E": "" });
  });
});

describe("the content index fetches previews at build time", () => {
  it("renders bodies with them, re-fetches nothing, and renders again what it could not get once the network is back", async () => {
    const dir = makeContentDir({
      "articles/video-story.md": validArticle({ title: "Video story", body: `The crew filmed it.\n\n${VIDEO}\n\nAnd the rehearsal:\n\nhttps://vimeo.com/824519067\n` }),
    });
    dirs.push(dir);
    const port = await closedPort();
    const warnings: string[] = [];
    const log = console.log;
    console.log = (line: string) => void warnings.push(String(line));
    const body = () => {
      const reader = new IndexReader(indexFile(dir));
      try {
        return reader.getArticle("video-story", true)?.body ?? "";
      } finally {
        reader.close();
      }
    };
    try {
      // No network: the build passes, says so once, and the facades are today's boxes.
      const offline = await updateContentIndex(dir, { all: true }, { previews: { env: envOf({ OEMBED_URL: `http://127.0.0.1:${port}` }) } });
      expect(offline.articles).toBeGreaterThan(0);
      expect(warnings.filter((w) => w.startsWith("[embeds]"))).toEqual([expect.stringMatching(/^\[embeds\] 2 embeds without title and picture/)]);
      expect(body()).not.toContain("embed-thumb");
      resetOffline();

      // The network is back: the next build asks again and renders that article again, though its text did not change.
      warnings.length = 0;
      const online = await updateContentIndex(dir, { all: true }, { previews: { env: env() } });
      expect(online.rendered).toBe(1);
      expect(warnings.filter((w) => w.startsWith("[embeds]"))).toEqual([]);
      expect(body()).toContain("Lantern flotilla from the lifeboat");
      expect(body()).toContain("The Tide Comes for Tea — rehearsals");
      expect(fs.readdirSync(path.join(dir, ".masthead", "embeds")).filter((f) => f.endsWith(".png"))).toHaveLength(2);

      // A rebuild fetches nothing and renders nothing.
      const before = standIn.hits.length;
      const again = await updateContentIndex(dir, { all: true }, { previews: { env: env() } });
      expect(again.rendered).toBe(0);
      expect(standIn.hits.length).toBe(before);
    } finally {
      console.log = log;
    }
  });
});

describe("the WordPress source fetches previews on the webhook", () => {
  it("a post's videos get their title and picture when the webhook names it, not while a page renders", async () => {
    const json = (body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json", ...headers } });
    const content = `<p>The crew filmed it.</p><figure class="wp-block-embed is-type-video is-provider-youtube"><div class="wp-block-embed__wrapper">\n${VIDEO}\n</div></figure>`;
    const wordpress = (async (input: string | URL | Request) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith("/categories")) return json([{ id: 2, slug: "news", name: "News", parent: 0, count: 1 }], { "X-WP-Total": "1", "X-WP-TotalPages": "1" });
      if (url.pathname.endsWith("/users")) return json([{ id: 1, slug: "ann", name: "Ann" }]);
      if (url.pathname.endsWith("/tags") || url.pathname.endsWith("/media")) return json([]);
      return json([wordpressPost(content, { embedded: url.searchParams.has("_embed") })]);
    }) as typeof globalThis.fetch;
    const dir = tmp();
    const source = new WordPressSource({ url: "https://cms.example", fetch: wordpress, cache: (load) => load, sleep: async () => {}, warn: () => {}, embedPreviews: { dir, fetch, env: env() } });
    const asked = () => standIn.hits.filter((h) => h.url === VIDEO).length;
    const before = asked();
    const first = (await source.getArticleBySlug("old-post"))!;
    expect(first.body).toContain('data-embed-provider="youtube"');
    expect(first.body).not.toContain("embed-thumb");
    expect(asked()).toBe(before); // rendering asks nothing

    await source.reload({ slug: "old-post" });
    expect(asked()).toBe(before + 1);
    const after = (await source.getArticleBySlug("old-post"))!;
    expect(after.body).toContain("Lantern flotilla from the lifeboat");
    expect(after.body).toMatch(/<img class="embed-thumb" src="\/_next\/image\?url=%2Fcontent-images%2F_embeds%2F[0-9a-f]{32}\.png/);
  });
});
