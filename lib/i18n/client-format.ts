/**
 * Formatting a message inside a client island. The server parses the message (the full ICU parser
 * stays on the server) and hands the island `{ locale, ast }`; here intl-messageformat formats the
 * parsed form with the browser's own Intl.PluralRules and NumberFormat. In browser bundles the
 * parser is aliased to its no-parser build (next.config.ts → turbopack.resolveAlias), which keeps
 * this to about 2.5 KB gzip. Never import lib/i18n/catalogues from an island.
 */
import { IntlMessageFormat, type PrimitiveType } from "intl-messageformat";
import type { MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { Fragment, createElement, type ReactNode } from "react";

export interface ClientMessage {
  locale: string;
  ast: MessageFormatElement[];
}

const compiled = new WeakMap<ClientMessage, IntlMessageFormat>();

export function formatMessage(message: ClientMessage, values?: Record<string, PrimitiveType>): string {
  let f = compiled.get(message);
  if (!f) {
    f = new IntlMessageFormat(message.ast, message.locale);
    compiled.set(message, f);
  }
  return String(f.format(values));
}

/** Like formatMessage, with React nodes as values (a reader's query inside <bdi>). */
export function formatRich(message: ClientMessage, values: Record<string, PrimitiveType | ReactNode>): ReactNode {
  let f = compiled.get(message);
  if (!f) {
    f = new IntlMessageFormat(message.ast, message.locale);
    compiled.set(message, f);
  }
  const out = f.format<ReactNode>(values);
  return Array.isArray(out) ? createElement(Fragment, null, ...out.map((part, i) => createElement(Fragment, { key: i }, part))) : out;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600e3],
  ["month", 30 * 24 * 3600e3],
  ["week", 7 * 24 * 3600e3],
  ["day", 24 * 3600e3],
  ["hour", 3600e3],
  ["minute", 60e3],
];

/**
 * The largest unit that fits: "3 hours ago", "yesterday", "in 2 days"; under a minute is "now".
 * Browser-safe, for islands that keep a time fresh (live blogs' "Updated 5 minutes ago").
 */
export function relativeTime(locale: string, deltaMs: number): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(deltaMs) >= ms) return rtf.format(Math.round(deltaMs / ms), unit);
  }
  return rtf.format(0, "second");
}
