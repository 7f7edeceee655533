// `node --import tsx scripts/embeds/e2e-fixture.mts`: makes e2e/fixtures/embed-cache, the embed
// previews the e2e build of content/ reads (e2e/env.json EMBED_CACHE_DIR), by running the real
// fetcher (lib/embeds/oembed.ts) against the local stand-in of the oEmbed endpoints
// (tests/embeds/stand-in.mjs) — the machine has no network, and the sample videos are made up.
// Two of the three videos and both audio embeds get a preview; the third (an <iframe> with its own title) is left out on
// purpose: the e2e build cannot reach an endpoint for it and shows today's box (docs/decisions/0230).
import fs from "node:fs";
import path from "node:path";
import { PreviewSession } from "../../lib/embeds/oembed";
// @ts-expect-error plain JavaScript
import { coverPicture, harbourPicture, startOembedStandIn } from "../../tests/embeds/stand-in.mjs";

const out = path.resolve(import.meta.dirname, "../../e2e/fixtures/embed-cache");
export const E2E_PREVIEWS = {
  "https://www.youtube.com/watch?v=Pw7Rb2kQx0A": {
    title: "Harbour Lights 2026: the lantern flotilla, filmed from the lifeboat",
    author: "Port Wren Lifeboat Station",
    picture: harbourPicture(640, 360, 24),
  },
  "https://vimeo.com/824519067": {
    title: "The Tide Comes for Tea — rehearsals behind the fish market",
    author: "Net Loft Theatre",
    picture: harbourPicture(640, 360, 280),
  },
  // Audio (decision 0270): square cover art; Spotify gives no author.
  "https://soundcloud.com/port-wren-silver-band/harbour-lights-sunday-set": {
    title: "Harbour Lights Sunday Set, live on the harbour wall",
    author: "Port Wren Silver Band",
    picture: coverPicture(300, 30),
    pictureWidth: 300,
    pictureHeight: 300,
  },
  "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk": {
    title: "Eighteen years of lanterns, with Nell Asante",
    picture: coverPicture(640, 210),
    pictureWidth: 640,
    pictureHeight: 640,
  },
};

fs.rmSync(out, { recursive: true, force: true });
const standIn = await startOembedStandIn({ items: E2E_PREVIEWS });
try {
  const session = new PreviewSession(out, fetch, { ...process.env, OEMBED_URL: standIn.url, EMBED_PREVIEWS: "1" });
  await session.ensure(Object.keys(E2E_PREVIEWS));
  if (session.fetched !== Object.keys(E2E_PREVIEWS).length) throw new Error(session.summary() ?? "not every preview was fetched");
  // The kept entries name no stand-in address (pictures are named by their bytes), so they are stable.
  for (const f of fs.readdirSync(out).filter((f) => f.endsWith(".json"))) {
    const entry = JSON.parse(fs.readFileSync(path.join(out, f), "utf8"));
    entry.fetchedAt = "2026-10-08T18:00:00.000Z";
    fs.writeFileSync(path.join(out, f), `${JSON.stringify(entry, null, 2)}\n`);
  }
  console.log(`✔ ${session.fetched} previews in ${path.relative(process.cwd(), out)}`);
} finally {
  await standIn.close();
}
