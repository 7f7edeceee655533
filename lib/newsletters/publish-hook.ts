/**
 * The newsletters' listener on publishing (lib/publishing/publish.ts `onPublish`, registered in
 * lib/config/startup.ts): when an `alert: true` article went live — published through the webhook, the
 * folder watch or `npm run publish`, or its scheduled time came — it is mailed to the alerts lists
 * once (lib/newsletters/service.ts#alertIfDue). Never throws: a mail problem must not fail a publish.
 */
import type { ArticleSummary } from "../sources/types";
import { getSite } from "../config/site";
import { getStore } from "../store";
import { newslettersEnabled } from "./config";
import { alertIfDue, ensureNewsletters, kickSender } from "./service";

export async function afterPublish(article: ArticleSummary | null): Promise<void> {
  if (!article?.alert || !newslettersEnabled()) return;
  try {
    const outcomes = await alertIfDue(await getStore(), getSite(), article);
    if (outcomes.some((o) => o.created)) {
      await ensureNewsletters();
      kickSender();
    }
  } catch (error) {
    console.error(`[newsletters] alert for "${article.slug}":`, error instanceof Error ? error.message : error);
  }
}
