/**
 * Issue 27, "Hostile traffic, round three", through the shipped VCL (deploy/varnish/default.vcl) in
 * front of the instances scripts/cluster/test.mjs started: purge access, dot segments, backslashes,
 * long paths, internal headers, cache-busting queries, search, pulled stories, schemes and spellings.
 * Runs after cluster.spec.ts (instance A may be gone by then): it talks to the edge and to B only.
 */
import { expect, test } from "@playwright/test";
import { rawRequest, type RawAnswer } from "../e2e/support/raw-http";
import { cluster, newsroom } from "./support/newsroom";

const EDGE_PORT = 6081;
const PROXY_PORT = 6085;
const B = "http://127.0.0.1:3002";
const SECRET = cluster.env.EDGE_PURGE_SECRET;
const BROWSER = { accept: "text/html,application/xhtml+xml", "accept-encoding": "br, gzip" };
const ARTICLE = "/news/world-news/calder-strait-ferry-strike";
/** The story test 6 pulls and puts back. */
const PULLED = { slug: "grain-ships-rerouted", url: "/news/world-news/grain-ships-rerouted", word: "grain" };

/** One raw request to the edge (paths a URL library would normalise); `prefix` is sent before it (a PROXY line). */
function raw(target: string, { method = "GET", headers = "", port = EDGE_PORT, prefix = "" } = {}): Promise<RawAnswer> {
  return rawRequest(port, target, { method, headers, prefix });
}

async function edge(pathname: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${EDGE_PORT}${pathname}`, { headers: { ...BROWSER, ...headers }, redirect: "manual", signal: AbortSignal.timeout(15_000) });
  const body = await res.arrayBuffer();
  return { status: res.status, headers: res.headers, body: Buffer.from(body) };
}

/** Asks until `check` holds (edge and instances settle asynchronously); returns its last value. */
async function until<T>(what: string, fn: () => Promise<T>, check: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await fn();
  while (!check(last)) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
    last = await fn();
  }
  return last;
}

test("5. a purge needs the secret as well as the ACL; through a PROXY-protocol listener a reader's address is not loopback", async () => {
  expect(SECRET, "the cluster runs with a purge secret").toBeTruthy();
  await edge("/news");
  const cached = await until("/news cached at the edge", () => edge("/news"), (r) => r.headers.get("x-cache") === "HIT");
  expect(cached.status).toBe(200);
  // A same-host TLS terminator without the PROXY protocol: loopback, no secret → refused.
  for (const headers of ["xkey-purge: site\r\n", "xkey-purge: site\r\nX-Purge-Secret: wrong-secret-wrong-secret\r\n", ""]) {
    const refused = await raw("/", { method: "PURGE", headers });
    expect(refused.status, headers).toBe(403);
  }
  expect((await edge("/news")).headers.get("x-cache")).toBe("HIT");
  // A reader whose address the terminator passes on (PROXY protocol): refused even with the secret.
  const proxied = await raw("/", { method: "PURGE", headers: `xkey-purge: site\r\nX-Purge-Secret: ${SECRET}\r\n`, port: PROXY_PORT, prefix: "PROXY TCP4 203.0.113.9 127.0.0.1 51234 443\r\n" });
  expect(proxied.status).toBe(403);
  expect((await edge("/news")).headers.get("x-cache")).toBe("HIT");
  // Masthead's own purge: loopback and the secret.
  const purged = await raw("/", { method: "PURGE", headers: `xkey-purge: path:/news\r\nX-Purge-Secret: ${SECRET}\r\n` });
  expect(purged.status).toBe(200);
  expect(purged.body).toMatch(/^Purged [1-9]\d* objects/);
  expect((await edge("/news")).headers.get("x-cache")).not.toBe("HIT");
});

test("7, 8. dot segments, backslashes and long paths never become cached objects", async () => {
  for (const target of ["/_next/static/../../no-such-page", "/_next/static/%2e%2e/%2E%2E/no-such-page", "/news/x/..", "/news/./world-news"]) {
    const res = await raw(target, { headers: "Accept: text/html\r\n" });
    expect(res.status, target).toBe(400);
    expect(res.headers["cache-control"] ?? "", target).not.toMatch(/s-maxage=31536000/);
    expect(res.headers["x-masthead-cache-control"], target).toBeUndefined();
  }
  for (const target of ["/\\evil.example/", "/%5Cevil.example/"]) {
    const res = await raw(target);
    expect(res.status, target).toBe(400);
    expect(res.headers.location, target).toBeUndefined();
  }
  const long = await raw(`/${"a".repeat(10_000)}/`);
  expect(long.status).toBe(414);
  // One the edge lets through ("..%2F" is no dot segment until decoded): the instance refuses it, and
  // the edge stores nothing.
  for (let i = 0; i < 2; i++) {
    const origin = await raw("/news/..%2Fno-such-page");
    expect(origin.status).toBe(400);
    expect(origin.headers["x-cache"]).not.toBe("HIT");
  }
});

test("9. no internal header reaches a reader through the edge", async () => {
  const internal = /^(x-middleware-|x-nextjs-|x-matched-path|x-masthead-|x-invoke-)/;
  for (const target of [ARTICLE, ARTICLE, "/news", "/tags/harbour", "/no-such-page", "/search?q=harbour", "/api/articles", "/og/calder-strait-ferry-strike.png"]) {
    const res = await raw(target, { headers: "Accept: text/html\r\nAccept-Encoding: br\r\n" });
    expect(res.status, target).toBeLessThan(500);
    expect(Object.keys(res.headers).filter((name) => internal.test(name)), target).toEqual([]);
  }
  // Nor straight from an instance (MASTHEAD_DEBUG_HEADERS is off, as in production).
  const direct = await fetch(`${B}${ARTICLE}`, { headers: BROWSER });
  expect([...direct.headers.keys()].filter((name) => internal.test(name))).toEqual([]);
});

test("3, 4. queries no page reads share the page's object; searches are one object per normalised query", async () => {
  await edge(ARTICLE);
  await until("the article cached at the edge", () => edge(ARTICLE), (r) => r.headers.get("x-cache") === "HIT");
  for (const query of ["cb=1", "cb=2", "utm_source=x&utm_medium=y", "fbclid=abc", "x=1&y=2"]) {
    const res = await edge(`${ARTICLE}?${query}`);
    expect(res.status, query).toBe(200);
    expect(res.headers.get("x-cache"), query).toBe("HIT");
  }
  const q = `ferry${Date.now().toString(36)}`;
  const first = await edge(`/search?q=${q}`);
  expect(first.status).toBe(200);
  expect(first.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=30\b/);
  for (const spelling of [`/search?q=${q}`, `/search?utm_source=x&q=${q}`, `/search?q=${q}&cb=7`]) {
    expect((await edge(spelling)).headers.get("x-cache"), spelling).toBe("HIT");
  }
});

test("6. a pulled story leaves the edge with every answer derived from it: page, OG card, lists and searches", async () => {
  const { slug, url, word } = PULLED;
  const relative = `articles/${slug}.md`;
  const original = newsroom.read(relative);
  // Through the newsroom's repository: each instance has its own clone (./support/newsroom.ts).
  const webhook = async (text: string) => {
    const commit = newsroom.commit({ [relative]: text }, `Pull ${slug}`);
    const res = await fetch(`${B}/api/revalidate`, {
      method: "POST",
      headers: { authorization: `Bearer ${cluster.env.REVALIDATE_SECRET}`, "content-type": "application/json" },
      body: JSON.stringify({ slug, commit }),
    });
    expect(res.status).toBe(200);
  };
  const listed = async (pathname: string) => ((await (await edge(pathname, { accept: "application/json" })).body.toString()) as string).includes(`"slug":"${slug}"`);
  // Each answer cached at the edge first.
  for (const p of [url, `/og/${slug}.png`, "/api/articles?limit=50", `/api/search?q=${word}`]) {
    await edge(p);
    await until(`${p} cached`, () => edge(p), (r) => r.headers.get("x-cache") === "HIT");
  }
  expect(await listed("/api/articles?limit=50")).toBe(true);
  expect(await listed(`/api/search?q=${word}`)).toBe(true);
  try {
    await webhook(original.replace(/^status:.*$/m, "").replace(/^---\n/, "---\nstatus: draft\n"));
    expect((await edge(url)).status).toBe(404);
    const card = await edge(`/og/${slug}.png`);
    expect(card.headers.get("x-cache")).not.toBe("HIT");
    expect(card.status).toBe(404);
    expect(await listed("/api/articles?limit=50")).toBe(false);
    expect(await listed(`/api/search?q=${word}`)).toBe(false);
  } finally {
    await webhook(original);
  }
  await until("the story back", () => edge(url), (r) => r.status === 200);
});

test("10. HTTPS copies (with HSTS) and plain-HTTP copies are separate objects; encoded spellings make no object", async () => {
  const pathname = "/authors/maren-okafor";
  const https = await until("an HTTPS copy cached", () => edge(pathname, { "x-forwarded-proto": "https" }), (r) => r.headers.get("x-cache") === "HIT");
  expect(https.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  const plain = await edge(pathname);
  expect(plain.headers.get("strict-transport-security")).toBeNull();
  for (const [target, location] of [["/%6Eews", "/news"], ["/news/world%2Dnews", "/news/world-news"]]) {
    const res = await raw(target);
    expect(res.status, target).toBe(301);
    expect(res.headers.location, target).toBe(location);
    expect(res.headers["x-cache"], target).toBe("PASS");
  }
});
