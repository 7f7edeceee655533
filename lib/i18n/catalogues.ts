/**
 * Every shipped catalogue, by language. Server code only: a client island that imported this
 * would ship all six languages to the browser. Islands get their strings as props instead
 * (lib/i18n/translate.ts → `clientMessage`, or plain formatted strings).
 */
import { en, type Catalogue } from "./messages/en";
import { fr } from "./messages/fr";
import { de } from "./messages/de";
import { es } from "./messages/es";
import { ar } from "./messages/ar";
import { he } from "./messages/he";

export const CATALOGUES: Readonly<Record<string, Catalogue>> = { en, fr, de, es, ar, he };

export const FALLBACK_LANGUAGE = "en";
