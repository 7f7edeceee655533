/**
 * For instrumentation.ts: when the site reads WordPress, check at server start that WordPress
 * accepts the preview credentials and say so in the log. WordPress treats a wrong application
 * password as an anonymous visitor, so without this a typo only shows up as "preview has no drafts".
 *
 *   export async function register() {
 *     if (process.env.NEXT_RUNTIME === "nodejs") await (await import("@/lib/sources/wordpress/startup")).checkWordPressCredentials();
 *   }
 */
import { getContentSource } from "../source";
import { WordPressSource } from "./source";
import { contentSourceName } from "../../config/env.mjs";

export async function checkWordPressCredentials(): Promise<void> {
  if (contentSourceName() !== "wordpress") return;
  const source = getContentSource();
  if (source instanceof WordPressSource) await source.checkCredentialsAtStartup();
}
