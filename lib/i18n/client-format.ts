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
