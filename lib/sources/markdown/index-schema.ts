/**
 * The on-disk content index of the markdown source (docs/decisions/0080): one SQLite file in WAL
 * mode, written by the build and the revalidation webhook, read by every server process.
 *
 * The format number is part of the file name, so a build that changes the format writes a new file
 * and servers still running the previous release keep reading theirs.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { contentDir } from "../../config/site";
import { INDEX_FORMAT } from "./renderer-version";

export { INDEX_FORMAT, rendererVersion } from "./renderer-version";


/** Where the index of a content folder lives: CONTENT_INDEX, else `<CONTENT_DIR>/.masthead/`. */
export function indexFile(dir: string): string {
  // The override names the index of the site's own folder, never of another one (tests open many).
  const override = path.resolve(dir) === contentDir() ? process.env.CONTENT_INDEX?.trim() : undefined;
  return override
    ? path.resolve(/*turbopackIgnore: true*/ process.cwd(), override)
    : path.join(dir, ".masthead", `index-v${INDEX_FORMAT}.sqlite`);
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS articles (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  file TEXT NOT NULL,
  mtime REAL NOT NULL,
  size INTEGER NOT NULL,
  hash TEXT NOT NULL,
  published INTEGER NOT NULL,
  published_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- The article's rowid in the search table: in publication order (searchKeyBase), so a search
  -- walks its matches newest first and stops (index-reader.ts, docs/decisions/0083).
  skey INTEGER NOT NULL,
  section TEXT NOT NULL,
  authors TEXT NOT NULL,
  image_src TEXT,
  model TEXT NOT NULL,
  body TEXT NOT NULL,
  headings TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_file ON articles(file);
CREATE INDEX IF NOT EXISTS articles_visible ON articles(published, published_at DESC, slug);
CREATE INDEX IF NOT EXISTS articles_newest ON articles(published_at DESC, slug);
-- Search joins every match to its visibility: through this narrow index, never the wide rows.
CREATE INDEX IF NOT EXISTS articles_search ON articles(skey, published, published_at, slug, id);
CREATE TABLE IF NOT EXISTS lists (
  list TEXT NOT NULL,
  id INTEGER NOT NULL,
  published INTEGER NOT NULL,
  published_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  slug TEXT NOT NULL,
  PRIMARY KEY (list, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lists_newest ON lists(list, published, published_at DESC, slug);
-- A list in preview (drafts too: the webhook's revalidation plan counts its pages) in order without
-- sorting every row of the list (40 ms for a section of 30,000 articles).
CREATE INDEX IF NOT EXISTS lists_preview ON lists(list, published_at DESC, slug);
CREATE INDEX IF NOT EXISTS lists_updated ON lists(list, published, updated_at);
CREATE INDEX IF NOT EXISTS lists_article ON lists(id);
CREATE TABLE IF NOT EXISTS related (id INTEGER NOT NULL, idx INTEGER NOT NULL, target TEXT NOT NULL, PRIMARY KEY (id, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS related_target ON related(target);
CREATE TABLE IF NOT EXISTS redirects (old TEXT NOT NULL, id INTEGER NOT NULL, idx INTEGER NOT NULL, PRIMARY KEY (old, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS redirects_article ON redirects(id);
CREATE TABLE IF NOT EXISTS authors (slug TEXT PRIMARY KEY, file TEXT NOT NULL, model TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tags (slug TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS months (month TEXT PRIMARY KEY, first_at INTEGER NOT NULL, count INTEGER NOT NULL, lastmod INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corrections (id INTEGER NOT NULL, idx INTEGER NOT NULL, date INTEGER NOT NULL, PRIMARY KEY (id, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS corrections_date ON corrections(date DESC);
CREATE TABLE IF NOT EXISTS pages (slug TEXT PRIMARY KEY, file TEXT NOT NULL, model TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS live_updates (
  slug TEXT NOT NULL,
  id TEXT NOT NULL,
  file TEXT NOT NULL,
  mtime REAL NOT NULL,
  size INTEGER NOT NULL,
  hash TEXT NOT NULL,
  pinned INTEGER NOT NULL,
  published_at INTEGER NOT NULL,
  model TEXT NOT NULL,
  PRIMARY KEY (slug, id)
) WITHOUT ROWID;
-- The local images (CONTENT_DIR/images) a body shows, at the size it was rendered with: a file
-- replaced since renders its owners again (owner: "article:<slug>" or "live:<slug>/<id>").
CREATE TABLE IF NOT EXISTS images (owner TEXT NOT NULL, src TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL, PRIMARY KEY (owner, src)) WITHOUT ROWID;
-- The embeds with an oEmbed endpoint a body shows and the preview it was rendered with ("" none;
-- lib/embeds/oembed.ts previewState): a preview fetched or gone since renders its owners again.
CREATE TABLE IF NOT EXISTS embed_previews (owner TEXT NOT NULL, url TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (owner, url)) WITHOUT ROWID;
-- Every word the search table holds, so a prefix finds its words by a range read (0083). Never
-- pruned: a word no article holds any more only makes a query ask for a word that matches nothing.
CREATE TABLE IF NOT EXISTS search_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
  title, description, tags, body,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'
);
`;

/** Busy waits: a writer may hold the lock for a whole first build (minutes at 100,000 articles). */
const WRITER_BUSY_MS = 15 * 60_000;
const READER_BUSY_MS = 5_000;

export function openForWriting(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: WRITER_BUSY_MS });
  db.pragma("journal_mode = WAL");
  // Durable at each commit is not needed: the folder is the source of truth and the index is
  // rebuilt from it; NORMAL in WAL mode still never corrupts the file.
  db.pragma("synchronous = NORMAL");
  db.pragma("cache_size = -65536");
  db.exec(SCHEMA);
  // Search ranks by BM25 with a title worth ten body words and a description or tag four.
  db.prepare("INSERT INTO search (search, rank) VALUES ('rank', 'bm25(10.0, 4.0, 4.0, 1.0)')").run();
  return db;
}

export function openForReading(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: READER_BUSY_MS });
  // Bounded: the page cache is what a reader holds of the archive (16 MB).
  db.pragma("cache_size = -16384");
  // No mmap: pages touched through a map count as the process's memory (RSS); reads go through
  // the bounded page cache above and the OS's file cache instead.
  return db;
}

export function readMeta(db: Database.Database): Record<string, string> {
  try {
    const rows = db.prepare("SELECT key, value FROM meta").all() as { key: string; value: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  } catch {
    return {};
  }
}

/**
 * The first search key of an article published at `ms`: its second times 1,024, so keys sort by
 * publication time and up to 1,024 articles of the same second get keys of their own (the writer
 * takes the next free one). Safe integers up to the year 10,000 and beyond.
 */
export function searchKeyBase(ms: number): number {
  return Math.floor(ms / 1000) * 1024;
}

export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}
