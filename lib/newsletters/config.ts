/**
 * Newsletters' configuration, read from the environment and site.yml (issue 31). Everything here is
 * off unless SMTP_URL is set: no forms, no routes answering, no sender (the embedded default needs
 * no mail server).
 */
import { getSite, type NewsletterConfig, type SiteConfig } from "../config/site";

export type { NewsletterConfig } from "../config/site";

/** SMTP_URL when set and usable (smtp:// or smtps://), else null. */
export function smtpUrl(env: Record<string, string | undefined> = process.env): string | null {
  const value = env.SMTP_URL?.trim();
  return value && /^smtps?:\/\//i.test(value) ? value : null;
}

/** Problems with the mail settings, worded for an operator (startup refuses to run with them). */
export function mailProblems(env: Record<string, string | undefined> = process.env): string[] {
  const problems: string[] = [];
  const value = env.SMTP_URL?.trim();
  if (value && !smtpUrl(env)) problems.push('SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example:587.');
  if (value && env.MAIL_FROM && !/^(?:"?[^"<>]*"?\s*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(env.MAIL_FROM.trim())) {
    problems.push('MAIL_FROM must be an address, e.g. news@example.com or "The Harbour Ledger" <news@example.com>.');
  }
  if (env.MAIL_RATE && !/^\d{1,5}$/.test(env.MAIL_RATE.trim())) problems.push("MAIL_RATE must be a whole number of messages per second (0 = unlimited).");
  return problems;
}

/** The newsletters readers can sign up for: none when no mail server is configured. */
export function newsletterLists(site: SiteConfig = getSite(), env: Record<string, string | undefined> = process.env): NewsletterConfig[] {
  return smtpUrl(env) ? site.newsletters : [];
}

export function newslettersEnabled(site: SiteConfig = getSite(), env: Record<string, string | undefined> = process.env): boolean {
  return newsletterLists(site, env).length > 0;
}

/** The From header: MAIL_FROM, else "<site name>" <newsletters@<site host>>. */
export function mailFrom(site: SiteConfig = getSite(), env: Record<string, string | undefined> = process.env): string {
  const configured = env.MAIL_FROM?.trim();
  if (configured) return configured;
  const host = new URL(site.url).hostname;
  return `"${site.name.replace(/["\\]/g, "")}" <newsletters@${host}>`;
}

/** Messages per second the sender may hand to the SMTP server (MAIL_RATE; 0 = unlimited). */
export function mailRate(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.MAIL_RATE ?? "");
  return env.MAIL_RATE && Number.isInteger(n) && n >= 0 ? n : 50;
}
