import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ContentUnavailableError } from "../errors";
import { WordPressClient, normaliseBaseUrl, type CacheFunction } from "./client";

type Answer = Response | Error | (() => Promise<Response>);

/** A fetch that answers from a script and records what it was asked. */
function scripted(...answers: Answer[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const answer = answers.shift() ?? new Error("no more answers");
    if (answer instanceof Error) throw answer;
    return typeof answer === "function" ? answer() : answer;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const item = z.object({ id: z.number() });
const client = (fetch: typeof globalThis.fetch, over = {}) =>
  new WordPressClient({ url: "https://cms.example/", fetch, sleep: async () => {}, ...over });

describe("WordPressClient", () => {
  it("normalises the base URL and refuses a relative one", () => {
    expect(normaliseBaseUrl("https://cms.example/wp-json/")).toBe("https://cms.example");
    expect(() => normaliseBaseUrl("cms.example")).toThrow(/WORDPRESS_URL must be an absolute/);
  });

  it("reads a page with WordPress's totals, cached with tags for revalidation", async () => {
    const { fetch, calls } = scripted(json([{ id: 1 }, { id: 2 }], 200, { "X-WP-Total": "12", "X-WP-TotalPages": "6" }));
    const cached: { keyParts: string[]; options: { revalidate: number; tags: string[] } }[] = [];
    const cache: CacheFunction = (load, keyParts, options) => {
      cached.push({ keyParts, options });
      return load;
    };
    const page = await client(fetch, { cache }).getPage("/posts", item, { params: { page: 1, per_page: 2, categories: [3, 4] }, tags: ["section:news"] });
    expect(page).toEqual({ items: [{ id: 1 }, { id: 2 }], total: 12, totalPages: 6, pastEnd: false });
    expect(calls[0].url).toBe("https://cms.example/wp-json/wp/v2/posts?page=1&per_page=2&categories=3%2C4");
    expect(cached).toEqual([{ keyParts: ["masthead:wordpress", calls[0].url], options: { revalidate: 60, tags: ["wp", "section:news"] } }]);
    expect(calls[0].init.signal).toBeInstanceOf(AbortSignal);
  });

  it("treats WordPress's 400 for a page past the end as an empty page", async () => {
    const { fetch } = scripted(json({ code: "rest_post_invalid_page_number", message: "The page number requested is larger…", data: { status: 400 } }, 400));
    expect(await client(fetch).getPage("/posts", item, { params: { page: 9 } })).toEqual({ items: [], total: 0, totalPages: 0, pastEnd: true });
  });

  it("retries a GET on network errors and 5xx, then succeeds", async () => {
    const { fetch, calls } = scripted(new TypeError("fetch failed"), json({ code: "oops" }, 502), json([{ id: 1 }]));
    expect((await client(fetch).getPage("/posts", item)).items).toEqual([{ id: 1 }]);
    expect(calls).toHaveLength(3);
  });

  it("gives up with a ContentUnavailableError naming the URL and the cause", async () => {
    const down = () => Promise.resolve(new Response("Service Unavailable", { status: 503 }));
    const { fetch, calls } = scripted(down, down, down);
    const error = await client(fetch).get("/categories", z.array(item)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentUnavailableError);
    expect((error as Error).message).toBe("WordPress request failed: GET https://cms.example/wp-json/wp/v2/categories: HTTP 503 (Service Unavailable)");
    expect(calls).toHaveLength(3);
  });

  it("does not retry a 4xx answer", async () => {
    const { fetch, calls } = scripted(json({ code: "rest_forbidden", message: "Sorry, you are not allowed to do that." }, 401));
    await expect(client(fetch).get("/users/me", item, { auth: true })).rejects.toThrow(/HTTP 401 \(rest_forbidden: Sorry, you are not allowed to do that\.\)/);
    expect(calls).toHaveLength(1);
  });

  it("times out a hanging request", async () => {
    const hang = (_url: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)));
    const c = new WordPressClient({ url: "https://cms.example", fetch: hang as typeof fetch, timeoutMs: 20, retries: 1, sleep: async () => {} });
    await expect(c.get("/posts", z.array(item))).rejects.toThrow(/GET https:\/\/cms\.example\/wp-json\/wp\/v2\/posts: timed out/);
  });

  it("reports garbage (an HTML error page, a wrong shape) without crashing the caller", async () => {
    const html = new Response("<html><body>Bad gateway</body></html>", { status: 200, headers: { "content-type": "text/html" } });
    const { fetch } = scripted(html, json([{ id: "not a number" }]));
    const c = client(fetch);
    await expect(c.getPage("/posts", item)).rejects.toThrow(/GET https:\/\/cms\.example\/wp-json\/wp\/v2\/posts: not JSON \(text\/html\): <html><body>Bad gateway/);
    await expect(c.getPage("/posts", item)).rejects.toThrow(/WordPress answered garbage for GET .*\(item 0\): id:/);
  });

  it("tries once while WordPress is failing, and recovers on the first success", async () => {
    const { fetch, calls } = scripted(new TypeError("fetch failed"), new TypeError("fetch failed"), new TypeError("fetch failed"), new TypeError("fetch failed"), json([]), json([]));
    const c = client(fetch);
    await expect(c.getPage("/posts", item)).rejects.toThrow(ContentUnavailableError);
    expect(calls).toHaveLength(3);
    await expect(c.getPage("/posts", item)).rejects.toThrow(ContentUnavailableError);
    expect(calls).toHaveLength(4); // no retries during the outage
    await c.getPage("/posts", item);
    expect(calls).toHaveLength(5);
  });

  it("serves the last good answer while WordPress is down, but never for preview", async () => {
    const { fetch, calls } = scripted(json([{ id: 1 }], 200, { "X-WP-Total": "1" }), new TypeError("fetch failed"), new TypeError("fetch failed"), new TypeError("fetch failed"));
    const c = client(fetch, { user: "editor", appPassword: "pw" });
    await c.getPage("/posts", item);
    expect(await c.getPage("/posts", item)).toMatchObject({ items: [{ id: 1 }], total: 1 });
    expect(calls).toHaveLength(4);
    await expect(c.getPage("/posts", item, { auth: true })).rejects.toThrow(ContentUnavailableError);
    c.forget();
    await expect(c.getPage("/posts", item)).rejects.toThrow(ContentUnavailableError);
  });

  it("sends the application password only for preview reads, and never caches them", async () => {
    const { fetch, calls } = scripted(json([]), json([]));
    const c = client(fetch, { user: "editor", appPassword: "abcd efgh ijkl" });
    await c.getPage("/posts", item, { auth: true });
    await c.getPage("/posts", item);
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe(`Basic ${Buffer.from("editor:abcdefghijkl").toString("base64")}`);
    expect(calls[0].init.cache).toBe("no-store");
    expect((calls[1].init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it("pages through a whole collection 100 at a time", async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => ({ id: i }));
    const { fetch, calls } = scripted(json(hundred, 200, { "X-WP-TotalPages": "2" }), json([{ id: 100 }], 200, { "X-WP-TotalPages": "2" }));
    expect(await client(fetch).getAll("/tags", item)).toHaveLength(101);
    expect(calls.map((c) => new URL(c.url).searchParams.get("page"))).toEqual(["1", "2"]);
    expect(new URL(calls[0].url).searchParams.get("per_page")).toBe("100");
  });
});
