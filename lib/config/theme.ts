/**
 * Runs inline in <head> before first paint: applies the stored theme, else the system preference,
 * so a dark-mode reader never sees a white flash, and marks the document as scripted (`js` class)
 * so enhanced widgets can take their final position before first paint (no layout shift).
 * Also marks a supporter's browser (below). Kept tiny and constant so a CSP hash can allow it.
 */
export const THEME_STORAGE_KEY = "masthead-theme";
/**
 * Reader revenue (lib/revenue/supporter-cookie.ts): a supporter's browser gets html[data-supporter]
 * before first paint, so the donation box is swapped for a thank-you line without a layout shift.
 */
export const SUPPORTER_COOKIE_NAME = "masthead-supporter";

export const themeScript = `(function(){var d=document.documentElement;d.classList.add("js");try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");if(t!=="light"&&t!=="dark"){t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"}d.dataset.theme=t}catch(e){}if(/(?:^|;\\s*)${SUPPORTER_COOKIE_NAME}=(?:once|month|year)\\./.test(document.cookie))d.dataset.supporter=""})()`;
