/**
 * Runs inline in <head> before first paint: applies the stored theme, else the system preference,
 * so a dark-mode reader never sees a white flash, and marks the document as scripted (`js` class)
 * so enhanced widgets can take their final position before first paint (no layout shift).
 * Kept tiny and constant so a CSP hash can allow it.
 */
export const THEME_STORAGE_KEY = "masthead-theme";

export const themeScript = `(function(){var d=document.documentElement;d.classList.add("js");try{var t=localStorage.getItem("${THEME_STORAGE_KEY}");if(t!=="light"&&t!=="dark"){t=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light"}d.dataset.theme=t}catch(e){}})()`;
