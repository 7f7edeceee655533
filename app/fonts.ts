/**
 * The text face (docs/decisions/0154): Source Serif 4 for headlines and article bodies in Latin
 * script, Noto Naskh Arabic and Noto Serif Hebrew for those scripts — open-licence (OFL) files from
 * the Fontsource packages on npm, served from this site (no request leaves it), one subset file per
 * script, each downloaded only when a page draws a character of its range (unicode-range).
 *
 * next/font/local writes the @font-face rules and, for the Latin face, a fallback face of the local
 * Times New Roman resized to Source Serif's metrics (size-adjust, ascent/descent overrides), so the
 * swap moves nothing. The Arabic and Hebrew faces have no generated fallback: it would carry no
 * unicode-range and catch Latin letters before the Latin face; the system fonts for those scripts
 * follow them in the stack (app/globals.css). Only the upright Latin file is preloaded: most pages
 * of most editions draw it first; italics and the other scripts load when used.
 */
import localFont from "next/font/local";

// Options are read at build time by next/font: literal values only (no constants).
export const textLatin = localFont({
  src: [{ path: "../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2", weight: "200 900", style: "normal" }],
  variable: "--font-text-latin",
  display: "swap",
  preload: true,
  adjustFontFallback: "Times New Roman",
  declarations: [{ prop: "unicode-range", value: "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD" }],
});

export const textLatinItalic = localFont({
  src: [{ path: "../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-italic.woff2", weight: "200 900", style: "italic" }],
  variable: "--font-text-latin-italic",
  display: "swap",
  preload: false,
  adjustFontFallback: "Times New Roman",
  declarations: [{ prop: "unicode-range", value: "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD" }],
});

export const textArabic = localFont({
  src: [{ path: "../node_modules/@fontsource-variable/noto-naskh-arabic/files/noto-naskh-arabic-arabic-wght-normal.woff2", weight: "400 700", style: "normal" }],
  variable: "--font-text-arabic",
  display: "swap",
  preload: false,
  adjustFontFallback: false,
  declarations: [
    {
      prop: "unicode-range",
      value: "U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC",
    },
  ],
});

export const textHebrew = localFont({
  src: [{ path: "../node_modules/@fontsource-variable/noto-serif-hebrew/files/noto-serif-hebrew-hebrew-wght-normal.woff2", weight: "100 900", style: "normal" }],
  variable: "--font-text-hebrew",
  display: "swap",
  preload: false,
  adjustFontFallback: false,
  declarations: [{ prop: "unicode-range", value: "U+0307-0308,U+0590-05FF,U+200C-2010,U+20AA,U+25CC,U+FB1D-FB4F" }],
});

/** The classes that define the four CSS variables, for <html>. */
export const fontVariables = [textLatin, textLatinItalic, textArabic, textHebrew].map((f) => f.variable).join(" ");
