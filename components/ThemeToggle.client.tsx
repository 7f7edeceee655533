"use client";

import { useEffect, useState } from "react";
import { THEME_STORAGE_KEY } from "@/lib/theme";

type Theme = "light" | "dark";

/** Switches light/dark and remembers the choice; the inline head script applies it on the next load. */
export function ThemeToggle({ label }: { label: string }) {
  const [theme, setTheme] = useState<Theme | null>(null);

  useEffect(() => {
    setTheme(document.documentElement.dataset.theme === "dark" ? "dark" : "light");
  }, []);

  function toggle() {
    const next: Theme = theme === "dark" ? "light" : "dark";
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    setTheme(next);
  }

  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={theme === "dark"}
      // Shown from the first paint when scripting is on (app/globals.css hides it otherwise: without
      // JavaScript the system preference applies and there is nothing to toggle). Appearing only at
      // hydration, it used to push the search box aside: a layout shift on every page.
      className="theme-toggle no-print inline-flex h-9 min-w-9 items-center justify-center rounded-md border border-rule px-2 text-sm hover:bg-panel"
      data-ready={theme === null ? undefined : "true"}
    >
      <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span>
      <span className="sr-only">{label}</span>
    </button>
  );
}
