// A local stand-in of the providers' oEmbed endpoints (lib/embeds/oembed.ts), for tests and for
// making the e2e fixture cache (scripts/embeds/e2e-fixture.mts): a real HTTP server on 127.0.0.1
// that answers `/<provider>?url=…` with oEmbed JSON in the shape YouTube, Vimeo, SoundCloud and
// Spotify give (Spotify: no author unless the item has one), and serves
// the pictures it names as real PNG files. Point OEMBED_URL at it.
import http from "node:http";
import zlib from "node:zlib";

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real RGB PNG of width×height, each pixel from `paint(x, y)` → [r, g, b]. */
export function png(width, height, paint) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const [r, g, b] = paint(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** A harbour at dusk: sky, sea, a quay and a row of lanterns (hue 0–360 tints the sky). */
export function harbourPicture(width = 480, height = 270, hue = 20) {
  const tint = (l) => {
    const h = hue / 60;
    const c = l;
    const x = c * (1 - Math.abs((h % 2) - 1));
    const [r, g, b] = h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c] : h < 5 ? [x, 0, c] : [c, 0, x];
    return [r, g, b].map((v) => Math.round(40 + v * 180));
  };
  const horizon = Math.round(height * 0.58);
  const lanterns = Array.from({ length: 9 }, (_, i) => ({ x: Math.round(width * (0.08 + i * 0.105)), y: Math.round(horizon + height * (0.1 + 0.06 * Math.sin(i))) }));
  return png(width, height, (x, y) => {
    for (const l of lanterns) if ((x - l.x) ** 2 + (y - l.y) ** 2 < (height / 45) ** 2) return [255, 196, 92];
    if (y < horizon) return tint(1 - (y / horizon) * 0.75);
    if (y > height * 0.88) return [38, 34, 40];
    const wave = Math.sin(x / 9 + y / 3) > 0.6 ? 18 : 0;
    return [16 + wave, 40 + wave, 66 + wave];
  });
}

/** The endpoints the stand-in answers (the last path segment of OEMBED_URL/<provider>). */
const PROVIDERS = {
  youtube: { name: "YouTube", type: "video" },
  vimeo: { name: "Vimeo", type: "video" },
  soundcloud: { name: "SoundCloud", type: "rich" },
  spotify: { name: "Spotify", type: "rich" },
};

/** Square cover art: rings of a brass band's bell on a tinted ground (hue 0–360). */
export function coverPicture(size = 300, hue = 200) {
  const c = size / 2;
  const base = [Math.round(60 + 120 * Math.abs(Math.sin((hue * Math.PI) / 180))), Math.round(60 + 100 * Math.abs(Math.cos((hue * Math.PI) / 180))), 150];
  return png(size, size, (x, y) => {
    const d = Math.hypot(x - c, y - c) / c;
    if (d < 0.62 && Math.floor(d * 12) % 2 === 0) return [232, 186, 74];
    if (d < 0.62) return [120, 84, 30];
    return base;
  });
}

/**
 * Starts the stand-in. `items` maps an embed's page URL (as lib/embeds/providers.ts writes it) to
 * what the provider says about it: { title, author, picture: Buffer, pictureType, status, body,
 * hang }. Unknown URLs get 404, as YouTube answers for a video that does not exist.
 */
export async function startOembedStandIn({ port = 0, items = {} } = {}) {
  const hits = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://stand-in");
    hits.push({ path: url.pathname, url: url.searchParams.get("url"), userAgent: req.headers["user-agent"] });
    const picture = /^\/pictures\/(\d+)$/.exec(url.pathname);
    if (picture) {
      const item = Object.values(items)[Number(picture[1])];
      if (!item?.picture) return void res.writeHead(404).end();
      if (item.hangPicture) return; // never answers
      res.writeHead(200, { "Content-Type": item.pictureType ?? "image/png", "Content-Length": item.picture.length });
      return void res.end(item.picture);
    }
    const provider = url.pathname.slice(1);
    const page = url.searchParams.get("url");
    const index = Object.keys(items).indexOf(page);
    const item = items[page];
    if (!Object.hasOwn(PROVIDERS, provider) || url.searchParams.get("format") !== "json" || !item) {
      return void res.writeHead(404, { "Content-Type": "text/plain" }).end("Not Found");
    }
    if (item.hang) return; // never answers
    if (item.status || item.body !== undefined) {
      return void res.writeHead(item.status ?? 200, { "Content-Type": item.contentType ?? "application/json" }).end(item.body ?? "");
    }
    const origin = `http://${req.headers.host}`;
    const json = {
      type: PROVIDERS[provider].type,
      version: "1.0",
      provider_name: PROVIDERS[provider].name,
      title: item.title,
      author_name: item.author,
      ...(item.picture || item.pictureUrl ? { thumbnail_url: item.pictureUrl ?? `${origin}/pictures/${index}`, thumbnail_width: item.pictureWidth ?? 480, thumbnail_height: item.pictureHeight ?? 360 } : {}),
      html: `<iframe src="https://example.invalid/embed"></iframe>`,
      width: 640,
      height: 360,
    };
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(json));
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
