"use client";

import { useEffect, useState } from "react";
import { THEME_STORAGE_KEY } from "@/lib/config/theme";

type Theme = "light" | "dark";
const EVENT = "masthead-theme";

/**
 * Switches light/dark and remembers the choice; the inline head script applies it on the next load.
 * The header has two (the open desktop row and the phone menu): each follows the other's changes.
 */
/** `labelClassName`: how the visible label shows ("sr-only lg:not-sr-only" where room is short). */
export function ThemeToggle({ label, labelClassName = "" }: { label: string; labelClassName?: string }) {
  const [theme, setTheme] = useState<Theme | null>(null);

  useEffect(() => {
    const read = () => setTheme(document.documentElement.dataset.theme === "dark" ? "dark" : "light");
    read();
    window.addEventListener(EVENT, read);
    return () => window.removeEventListener(EVENT, read);
  }, []);

  function toggle() {
    const next: Theme = theme === "dark" ? "light" : "dark";
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    window.dispatchEvent(new Event(EVENT));
  }

  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={theme === "dark"}
      // Shown from the first paint when scripting is on (app/globals.css hides it otherwise: without
      // JavaScript the system preference applies and there is nothing to toggle). Appearing only at
      // hydration, it used to push the search box aside: a layout shift on every page.
      className="theme-toggle no-print inline-flex h-9 items-center justify-center gap-1.5 rounded-md border border-ink/40 px-2.5 text-sm font-semibold hover:bg-panel"
      data-ready={theme === null ? undefined : "true"}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-[18px] w-[18px]" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        {theme === "dark" ? (
          <>
            <circle cx="12" cy="12" r="4.5" />
            <path d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8" />
          </>
        ) : (
          <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5Z" fill="currentColor" fillOpacity="0.15" />
        )}
      </svg>
      <span className={labelClassName}>{label}</span>
    </button>
  );
}
