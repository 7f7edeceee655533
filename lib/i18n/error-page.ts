/**
 * The error pages' strings in the browser. next.config.ts puts them (one language, a few
 * sentences) into MASTHEAD_ERROR_PAGE at build time; Next inlines that into the client bundle,
 * because app/error.tsx and app/global-error.tsx are client components that cannot read the
 * catalogue. The English fallback serves tools that load the module without a build (tests).
 */
import type { ErrorPageStrings } from "./translate";

const ENGLISH: ErrorPageStrings = {
  lang: "en",
  dir: "ltr",
  eyebrow: "Something went wrong",
  title: "This page is not available right now",
  body: "Please try again in a moment. If it keeps happening, the rest of the site is still here.",
  shortBody: "Please try again in a moment.",
  retry: "Try again",
  home: "Home page",
};

export function errorStrings(): ErrorPageStrings {
  const inlined = process.env.MASTHEAD_ERROR_PAGE;
  if (!inlined) return ENGLISH;
  try {
    return { ...ENGLISH, ...(JSON.parse(inlined) as Partial<ErrorPageStrings>) };
  } catch {
    return ENGLISH;
  }
}
