/**
 * The rows an article owns in the content index (index-schema.ts) — the article, its places in the
 * lists, picks, old slugs, corrections, search terms and the local images its body shows — written
 * and removed together. One instance per update (transaction): it remembers the search words that
 * update wrote, so each is written once.
 */
import type Database from "better-sqlite3";
import { sectionAncestry } from "../rules";
import type { RenderedHtml } from "../../html/pipeline";
import { fold, indexWords } from "../search-query";
import type { ArticleRecord } from "./article-file";
import { monthOf, searchKeyBase } from "./index-schema";

/** Who shows a local body image, in the images table: an article or a live-blog update. */
export const articleOwner = (slug: string) => `article:${slug}`;
export const updateOwner = (slug: string, id: string) => `live:${slug}/${id}`;
export type LocalImages = RenderedHtml["media"]["localImages"];
export type EmbedPreviews = RenderedHtml["media"]["embedPreviews"];

/** A file as read: where, its size and time (to skip it unread next time) and the hash of its text. */
export interface FileState {
  rel: string;
  mtime: number;
  size: number;
  hash: string;
}

/** What an update changed, so the tags and months tables are refreshed for those only. */
export interface Touched {
  tags: Set<string>;
  months: Set<string>;
}

export class ArticleRows {
  /** The search words this update already wrote (search_words), so each is written once. */
  private readonly knownWords = new Set<string>();

  constructor(private readonly db: Database.Database) {}

  upsert(record: ArticleRecord, file: FileState, parentOf: (p: string) => string | undefined, touched: Touched): void {
    const db = this.db;
    const m = record.model;
    const existing = db.prepare("SELECT id, published_at, skey FROM articles WHERE slug = ?").get(record.slug) as { id: number; published_at: number; skey: number } | undefined;
    const publishedAt = Date.parse(m.publishedAt);
    // Its search key follows its publication time: kept while the second stays, else the next free one.
    const skey = existing && searchKeyBase(existing.published_at) === searchKeyBase(publishedAt) ? existing.skey : this.freeSearchKey(publishedAt);
    const updatedAt = Date.parse(m.updatedAt);
    const published = m.status === "published" ? 1 : 0;
    const values = [
      record.slug,
      file.rel,
      file.mtime,
      file.size,
      file.hash,
      published,
      publishedAt,
      updatedAt,
      skey,
      m.section,
      JSON.stringify(m.authors),
      m.image?.src ?? null,
      JSON.stringify(m),
      record.body,
      JSON.stringify(record.headings),
    ];
    let id: number;
    if (existing) {
      id = existing.id;
      touched.months.add(monthOf(existing.published_at));
      this.unlink(id, touched);
      db.prepare(
        "UPDATE articles SET slug = ?, file = ?, mtime = ?, size = ?, hash = ?, published = ?, published_at = ?, updated_at = ?, skey = ?, section = ?, authors = ?, image_src = ?, model = ?, body = ?, headings = ? WHERE id = ?",
      ).run(...values, id);
    } else {
      id = Number(
        db
          .prepare(
            "INSERT INTO articles (slug, file, mtime, size, hash, published, published_at, updated_at, skey, section, authors, image_src, model, body, headings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          )
          .run(...values).lastInsertRowid,
      );
    }
    touched.months.add(monthOf(publishedAt));
    this.putImages(articleOwner(record.slug), record.images);
    this.putEmbeds(articleOwner(record.slug), record.embeds);
    const list = db.prepare("INSERT OR IGNORE INTO lists (list, id, published, published_at, updated_at, slug) VALUES (?, ?, ?, ?, ?, ?)");
    const put = (key: string) => list.run(key, id, published, publishedAt, updatedAt, record.slug);
    for (const p of sectionAncestry(m.section, parentOf)) put(`section:${p}`);
    for (const a of m.authors) put(`author:${a}`);
    for (const t of m.tags) {
      put(`tag:${t.slug}`);
      touched.tags.add(t.slug);
    }
    const related = db.prepare("INSERT INTO related (id, idx, target) VALUES (?, ?, ?)");
    m.relatedSlugs.forEach((target, i) => related.run(id, i, target));
    const redirect = db.prepare("INSERT OR IGNORE INTO redirects (old, id, idx) VALUES (?, ?, ?)");
    m.redirectFrom.forEach((old, i) => redirect.run(old, id, i));
    const correction = db.prepare("INSERT INTO corrections (id, idx, date) VALUES (?, ?, ?)");
    m.corrections.forEach((c, i) => correction.run(id, i, Date.parse(c.date)));
    // Stored folded by the query's own rule (search-query.ts fold: NFKD, marks removed, lower
    // case), so both sides agree in every script: unicode61's remove_diacritics only folds Latin
    // letters, and "المرفأ" (a hamza, a combining mark once decomposed) would never match.
    const texts = [fold(m.title), fold(m.description), fold(m.tags.map((t) => t.name).join(" ")), fold(record.text)];
    db.prepare("INSERT INTO search (rowid, title, description, tags, body) VALUES (?, ?, ?, ?, ?)").run(skey, ...texts);
    const word = db.prepare("INSERT OR IGNORE INTO search_words (word) VALUES (?)");
    for (const text of texts) {
      for (const w of indexWords(text)) {
        if (this.knownWords.has(w)) continue;
        word.run(w);
        this.knownWords.add(w);
      }
    }
  }

  /** Drops everything that hangs off an article (its lists, picks, old slugs, search terms). */
  private unlink(id: number, touched: Touched): void {
    const db = this.db;
    for (const list of db.prepare("SELECT list FROM lists WHERE id = ? AND list >= 'tag:' AND list < 'tag;'").pluck().all(id) as string[]) {
      touched.tags.add(list.slice(4));
    }
    db.prepare("DELETE FROM lists WHERE id = ?").run(id);
    db.prepare("DELETE FROM related WHERE id = ?").run(id);
    db.prepare("DELETE FROM redirects WHERE id = ?").run(id);
    db.prepare("DELETE FROM corrections WHERE id = ?").run(id);
    const skey = db.prepare("SELECT skey FROM articles WHERE id = ?").pluck().get(id) as number | undefined;
    if (skey !== undefined) db.prepare("DELETE FROM search WHERE rowid = ?").run(skey);
  }

  /** The first search key of that second no article holds (index-schema.ts searchKeyBase). */
  private freeSearchKey(publishedAt: number): number {
    const taken = this.db.prepare("SELECT 1 FROM articles INDEXED BY articles_search WHERE skey = ?").pluck();
    let key = searchKeyBase(publishedAt);
    while (taken.get(key) !== undefined) key++;
    return key;
  }

  remove(id: number, touched: Touched): void {
    const row = this.db.prepare("SELECT slug, published_at FROM articles WHERE id = ?").get(id) as { slug: string; published_at: number } | undefined;
    if (row) {
      touched.months.add(monthOf(row.published_at));
      this.putImages(articleOwner(row.slug), {});
      this.putEmbeds(articleOwner(row.slug), {});
    }
    this.unlink(id, touched);
    this.db.prepare("DELETE FROM articles WHERE id = ?").run(id);
  }

  /** Replaces the local images an article or update shows (what staleImageOwners compares). */
  putImages(owner: string, images: LocalImages): void {
    this.db.prepare("DELETE FROM images WHERE owner = ?").run(owner);
    const put = this.db.prepare("INSERT INTO images (owner, src, width, height) VALUES (?, ?, ?, ?)");
    for (const [src, size] of Object.entries(images)) if (size) put.run(owner, src, size.width, size.height);
  }

  /** Replaces the embed previews an article or update was rendered with (what staleEmbedOwners compares). */
  putEmbeds(owner: string, embeds: EmbedPreviews): void {
    this.db.prepare("DELETE FROM embed_previews WHERE owner = ?").run(owner);
    const put = this.db.prepare("INSERT INTO embed_previews (owner, url, state) VALUES (?, ?, ?)");
    for (const [url, state] of Object.entries(embeds)) put.run(owner, url, state);
  }

  /** The embeds some body shows without a preview: asked for again by a full update. */
  embedsWithoutPreview(): string[] {
    return this.db.prepare("SELECT DISTINCT url FROM embed_previews WHERE state = ''").pluck().all() as string[];
  }

  /** The articles and updates (all, or one owner) rendered with another preview than the cache now has. */
  staleEmbedOwners(state: (url: string) => string, owner?: string): Set<string> {
    const rows = (owner === undefined
      ? this.db.prepare("SELECT owner, url, state FROM embed_previews").all()
      : this.db.prepare("SELECT owner, url, state FROM embed_previews WHERE owner = ?").all(owner)) as { owner: string; url: string; state: string }[];
    const seen = new Map<string, string>();
    const stale = new Set<string>();
    for (const r of rows) {
      if (!seen.has(r.url)) seen.set(r.url, state(r.url));
      if (seen.get(r.url) !== r.state) stale.add(r.owner);
    }
    return stale;
  }

  /**
   * The articles and updates (all, or one owner) showing a local image whose file is now another
   * size, or gone: they render again though their text did not change. One read per distinct image.
   */
  staleImageOwners(sizes: (src: string) => { width: number; height: number } | undefined, owner?: string): Set<string> {
    const rows = (owner === undefined
      ? this.db.prepare("SELECT owner, src, width, height FROM images").all()
      : this.db.prepare("SELECT owner, src, width, height FROM images WHERE owner = ?").all(owner)) as { owner: string; src: string; width: number; height: number }[];
    const stale = new Set<string>();
    for (const r of rows) {
      const now = sizes(r.src);
      if (now?.width !== r.width || now?.height !== r.height) stale.add(r.owner);
    }
    return stale;
  }
}
