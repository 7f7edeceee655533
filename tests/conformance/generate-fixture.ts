/**
 * Writes the sample newsroom (newsroom.json) as a markdown content folder: site.yml, authors/,
 * articles/, live/, pages/ (images/ is drawn by scripts/wordpress/php/make-images.php). Draft pages
 * are left out: a markdown page has no status (CONTENT.md), so only WordPress has them. The folder is committed;
 * fixture.test.ts fails when it drifts from newsroom.json.
 *
 *   npx tsx tests/conformance/generate-fixture.ts
 */
import fs from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { displayTitle, FIXTURE_DIR, loadNewsroom, markdownBody, type NewsroomSection } from "./newsroom";

/**
 * Width and height from the PNG header (IHDR), written into the front matter: the loader's own
 * size reading is not relied on here.
 */
function pngSize(file: string): { width: number; height: number } {
  const header = fs.readFileSync(path.join(FIXTURE_DIR, "images", file)).subarray(16, 24);
  return { width: header.readUInt32BE(0), height: header.readUInt32BE(4) };
}

/** Relative path → file content. */
export function fixtureFiles(): Map<string, string> {
  const newsroom = loadNewsroom();
  const files = new Map<string, string>();
  const sections = (list: NewsroomSection[]): unknown[] =>
    list.map((s) => ({ slug: s.slug, name: s.name, ...(s.description ? { description: s.description } : {}), ...(s.children ? { children: sections(s.children) } : {}) }));
  const site = {
    name: newsroom.site.name,
    url: newsroom.site.url,
    description: newsroom.site.description,
    language: "en",
    timeZone: newsroom.timeZone,
    sections: sections(newsroom.sections),
    donation: {
      headline: "Keep the Courier afloat",
      message: "This is not a paywall. Readers pay for the reporting everyone can read.",
      currency: "USD",
      amounts: [3, 10, 25],
      providers: [{ label: "Credit card", url: "https://donate.example/courier?amount={amount}&currency={currency}" }],
    },
  };
  files.set("site.yml", `# Generated from newsroom.json by tests/conformance/generate-fixture.ts — do not edit.\n${stringify(site)}`);

  for (const a of newsroom.authors) {
    const front = { name: a.name, ...(a.avatar ? { avatar: { src: `/content-images/${a.avatar}`, alt: a.name } } : {}) };
    files.set(`authors/${a.slug}.md`, `---\n${stringify(front)}---\n${a.bio}\n`);
  }
  for (const a of newsroom.articles) {
    const front: Record<string, unknown> = {
      title: displayTitle(a.title),
      section: a.section,
      authors: [a.author],
      publishedAt: a.publishedAt,
      ...(a.updatedAt ? { updatedAt: a.updatedAt } : {}),
      ...(a.status ? { status: a.status } : {}),
      ...(a.description ? { description: a.description } : {}),
      tags: a.tags,
      ...(a.image
        ? {
            image: {
              src: `/content-images/${a.image.file}`,
              alt: a.image.alt,
              ...(a.image.caption ? { caption: a.image.caption } : {}),
              ...(a.image.credit ? { credit: a.image.credit } : {}),
              ...pngSize(a.image.file),
            },
          }
        : {}),
      ...(a.related ? { related: a.related } : {}),
      ...(a.redirectFrom ? { redirectFrom: a.redirectFrom } : {}),
      ...(a.kind ? { kind: a.kind } : {}),
      ...(a.corrections ? { corrections: a.corrections } : {}),
      ...(a.live ? { live: true, ...(a.live.endedAt ? { liveEndedAt: a.live.endedAt } : {}) } : {}),
    };
    // The body is the same HTML WordPress stores; markdown passes raw HTML blocks through to the sanitiser.
    files.set(`articles/${a.slug}.md`, `---\n${stringify(front)}---\n${markdownBody(a)}\n`);
    for (const u of a.live?.updates ?? []) {
      const update = {
        publishedAt: u.publishedAt,
        ...(u.title ? { title: u.title } : {}),
        ...(u.keyEvent ? { keyEvent: true } : {}),
        ...(u.pinned ? { pinned: true } : {}),
        ...(u.author ? { authors: [u.author] } : {}),
        ...(u.status ? { status: u.status } : {}),
      };
      files.set(`live/${a.slug}/${u.id}.md`, `---\n${stringify(update)}---\n${u.body}\n`);
    }
  }
  for (const p of newsroom.pages.filter((page) => page.status !== "draft")) {
    const front = { title: displayTitle(p.title), updatedAt: p.updatedAt, ...(p.nav ? { nav: p.nav } : {}) };
    files.set(`pages/${p.slug}.md`, `---\n${stringify(front)}---\n${p.body}\n`);
  }
  return files;
}

export function writeFixture(dir = FIXTURE_DIR): void {
  for (const sub of ["authors", "articles", "live", "pages"]) fs.rmSync(path.join(dir, sub), { recursive: true, force: true });
  for (const [rel, content] of fixtureFiles()) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  writeFixture();
  console.log(`wrote ${FIXTURE_DIR}`);
}
