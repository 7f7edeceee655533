/**
 * The content index's tables derived from the articles (index-schema.ts): section lists (which
 * follow site.yml's tree), the tags table (each tag's name) and the months of the archive. Refreshed
 * after an update's articles are written, for what it touched only.
 */
import type Database from "better-sqlite3";
import { sectionAncestry } from "../rules";

/** Section lists follow the tree: rebuilt when site.yml moves sections around. */
export function rebuildSectionLists(db: Database.Database, parentOf: (p: string) => string | undefined): void {
  db.exec("DELETE FROM lists WHERE list >= 'section:' AND list < 'section;'");
  const put = db.prepare("INSERT OR IGNORE INTO lists (list, id, published, published_at, updated_at, slug) VALUES (?, ?, ?, ?, ?, ?)");
  for (const row of db.prepare("SELECT id, section, published, published_at, updated_at, slug FROM articles").all() as Array<{
    id: number;
    section: string;
    published: number;
    published_at: number;
    updated_at: number;
    slug: string;
  }>) {
    for (const p of sectionAncestry(row.section, parentOf)) put.run(`section:${p}`, row.id, row.published, row.published_at, row.updated_at, row.slug);
  }
}

/** A tag's name is the first spelling in file order; `null` recomputes every tag. */
export function refreshTags(db: Database.Database, slugs: Set<string> | null): void {
  const nameOf = db.prepare(
    "SELECT json_extract(t.value, '$.name') FROM articles a JOIN lists l ON l.id = a.id AND l.list = ?, json_each(a.model, '$.tags') t WHERE json_extract(t.value, '$.slug') = ? ORDER BY a.file LIMIT 1",
  );
  const upsert = db.prepare("INSERT INTO tags (slug, name) VALUES (?, ?) ON CONFLICT (slug) DO UPDATE SET name = excluded.name");
  const drop = db.prepare("DELETE FROM tags WHERE slug = ?");
  let all: Iterable<string>;
  if (slugs === null) {
    db.exec("DELETE FROM tags");
    all = db.prepare("SELECT DISTINCT substr(list, 5) FROM lists WHERE list >= 'tag:' AND list < 'tag;'").pluck().all() as string[];
  } else all = slugs;
  for (const slug of all) {
    const name = nameOf.pluck().get(`tag:${slug}`, slug) as string | undefined;
    if (name === undefined) drop.run(slug);
    else upsert.run(slug, name);
  }
}

/** Months with published articles (for the sitemap index); `null` recomputes all. */
export function refreshMonths(db: Database.Database, months: Set<string> | null): void {
  const month = "strftime('%Y-%m', published_at / 1000, 'unixepoch')";
  if (months === null) {
    db.exec(`DELETE FROM months; INSERT INTO months (month, first_at, count, lastmod) SELECT ${month}, min(published_at), count(*), max(updated_at) FROM articles WHERE published = 1 GROUP BY 1`);
    return;
  }
  for (const m of months) {
    const start = Date.parse(`${m}-01T00:00:00Z`);
    const end = new Date(start);
    end.setUTCMonth(end.getUTCMonth() + 1);
    const row = db
      .prepare("SELECT min(published_at) AS first, count(*) AS n, max(updated_at) AS lastmod FROM articles WHERE published = 1 AND published_at >= ? AND published_at < ?")
      .get(start, end.getTime()) as { first: number | null; n: number; lastmod: number | null };
    if (!row.n) db.prepare("DELETE FROM months WHERE month = ?").run(m);
    else {
      db.prepare(
        "INSERT INTO months (month, first_at, count, lastmod) VALUES (?, ?, ?, ?) ON CONFLICT (month) DO UPDATE SET first_at = excluded.first_at, count = excluded.count, lastmod = excluded.lastmod",
      ).run(m, row.first, row.n, row.lastmod);
    }
  }
}
