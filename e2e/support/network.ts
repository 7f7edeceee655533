import type { Page, Request } from "@playwright/test";

/** True for addresses that never leave this machine (loopback, data:, blob:, about:). */
export const isLoopback = (url: string) => /^(data|blob|about):/.test(url) || ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);

/** Every request of the page that leaves this machine, collected from now on. */
export function offMachine(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r: Request) => {
    if (!isLoopback(r.url())) seen.push(r.url());
  });
  return seen;
}
