// Types for ./browser.mjs (the one place that finds a Chromium: the test runner, every Playwright config, Lighthouse).
export declare function findBrowser(): string | null;
export declare function ensureBrowser(): string;
