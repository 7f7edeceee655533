/**
 * Live-blog updates in the content index: the files under live/ (all, or those of the named live
 * blogs) read again only when they changed, like articles, and removed when gone. Whether their
 * article exists and is live, and that one at most is pinned, is checked on the whole index
 * afterwards (index-checks.ts).
 */
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import type { ContentProblem } from "../errors";
import { liveUpdateRecord } from "./extras";
import { fileLabel, liveUpdateFiles } from "./folder";
import { mediaNotice, type PreparedFile, type RenderSetting } from "./article-file";
import { updateOwner, type ArticleRows, type FileState } from "./index-rows";
import { sha256, type Preparer } from "./prepare";
import { embedUrlsIn, type PreviewSession } from "../../embeds/oembed";

interface StoredUpdate extends FileState {
  slug: string;
  id: string;
}

export interface LiveUpdateScan {
  /** The live blogs to scan, or null for all of them. */
  slugs: Set<string> | null;
  /** Render every update again (a new renderer or site language). */
  rerender: boolean;
  /** A local image or an embed preview the owner was rendered with changed. */
  imagesChanged: (owner: string) => boolean;
  /** Fetches embed previews before a batch is rendered (the markdown index writer's session). */
  previews?: PreviewSession;
  hasAuthor: (slug: string) => boolean;
  preparer: Preparer;
  setting: RenderSetting;
  batch: number;
}

export async function updateLiveUpdates(db: Database.Database, dir: string, rows: ArticleRows, scan: LiveUpdateScan, problems: ContentProblem[]): Promise<void> {
  const { slugs } = scan;
  const label = (rel: string) => fileLabel(dir, path.join(dir, rel));
  const stored = new Map<string, StoredUpdate>();
  const all = (slugs === null
    ? db.prepare("SELECT slug, id, file AS rel, mtime, size, hash FROM live_updates").all()
    : db.prepare("SELECT slug, id, file AS rel, mtime, size, hash FROM live_updates WHERE slug IN (SELECT value FROM json_each(?))").all(JSON.stringify([...slugs]))) as StoredUpdate[];
  for (const r of all) stored.set(r.rel, r);
  const seen = new Set<string>();
  const pending: (StoredUpdate & { text: string })[] = [];
  for (const { rel, slug, id } of liveUpdateFiles(dir, slugs, problems)) {
    seen.add(rel);
    const st = fs.statSync(path.join(dir, rel));
    const row = stored.get(rel);
    const again = scan.rerender || scan.imagesChanged(updateOwner(slug, id));
    if (!again && row && row.mtime === st.mtimeMs && row.size === st.size) continue;
    const text = fs.readFileSync(path.join(dir, rel), "utf8");
    const hash = sha256(text);
    if (!again && row && row.hash === hash) {
      db.prepare("UPDATE live_updates SET mtime = ?, size = ? WHERE file = ?").run(st.mtimeMs, st.size, rel);
      continue;
    }
    pending.push({ rel, slug, id, mtime: st.mtimeMs, size: st.size, hash, text });
  }
  for (const row of stored.values()) {
    if (seen.has(row.rel)) continue;
    db.prepare("DELETE FROM live_updates WHERE file = ?").run(row.rel);
    rows.putImages(updateOwner(row.slug, row.id), {});
    rows.putEmbeds(updateOwner(row.slug, row.id), {});
  }
  const put = db.prepare(
    "INSERT INTO live_updates (slug, id, file, mtime, size, hash, pinned, published_at, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (slug, id) DO UPDATE SET file = excluded.file, mtime = excluded.mtime, size = excluded.size, hash = excluded.hash, pinned = excluded.pinned, published_at = excluded.published_at, model = excluded.model",
  );
  for (let i = 0; i < pending.length; i += scan.batch) {
    const batch = pending.slice(i, i + scan.batch);
    // The titles and pictures of the embeds these bodies show, before they are rendered (lib/embeds/oembed.ts).
    await scan.previews?.ensure(batch.flatMap((p) => embedUrlsIn(p.text)));
    const prepared: PreparedFile[] = await scan.preparer(
      batch.map((p) => p.text),
      scan.setting,
    );
    batch.forEach((p, k) => {
      const notice = mediaNotice(label(p.rel), prepared[k]);
      if (notice) console.warn(notice);
      const update = liveUpdateRecord(label(p.rel), p.id, prepared[k], scan.hasAuthor, problems, scan.setting.language);
      if (!update) return;
      const done = prepared[k];
      rows.putImages(updateOwner(p.slug, p.id), (done.ok && done.rendered?.media.localImages) || {});
      rows.putEmbeds(updateOwner(p.slug, p.id), (done.ok && done.rendered?.media.embedPreviews) || {});
      put.run(p.slug, p.id, p.rel, p.mtime, p.size, p.hash, update.pinned ? 1 : 0, Date.parse(update.publishedAt), JSON.stringify(update));
    });
  }
}
