import { expect, test } from "@playwright/test";
import net from "node:net";
import e2e from "./env.json";

const PORT = Number(process.env.E2E_PORT) || e2e.port;

test.describe("response headers", () => {
  for (const path of ["/", "/news/world-news/calder-strait-ferry-strike", "/news", "/search?q=ferry", "/api/articles", "/api/search?q=x", "/feed.xml", "/nope"]) {
    test(`security headers on ${path}`, async ({ request }) => {
      const res = await request.get(path, { headers: { Accept: path.startsWith("/api") ? "application/json" : "text/html" } });
      const h = res.headers();
      const csp = h["content-security-policy"];
      expect(csp).toBeTruthy();
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      const scriptSrc = /script-src ([^;]*)/.exec(csp)![1];
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(h["permissions-policy"]).toContain("camera=()");
      expect(h["permissions-policy"]).toContain("geolocation=()");
      expect(h["x-frame-options"]).toBe("DENY");
      expect(h["x-powered-by"]).toBeUndefined();
      expect(h["strict-transport-security"]).toBeUndefined();
    });
  }

  test("HSTS when the request came over HTTPS", async ({ request }) => {
    const res = await request.get("/", { headers: { "X-Forwarded-Proto": "https" } });
    expect(res.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  });

  test("each page's CSP lists the hashes of exactly its own inline scripts", async ({ request }) => {
    const res = await request.get("/news/world-news/calder-strait-ferry-strike", { headers: { Accept: "text/html" } });
    const html = await res.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, attrs]) => !/type=/.test(attrs));
    expect(inline.length).toBeGreaterThan(1);
    const csp = res.headers()["content-security-policy"];
    const { createHash } = await import("node:crypto");
    for (const [, , body] of inline) {
      expect(csp).toContain(`'sha256-${createHash("sha256").update(body).digest("base64")}'`);
    }
  });
});

test.describe("the pages work with the policy on", () => {
  for (const path of ["/", "/news", "/news/world-news/calder-strait-ferry-strike", "/search?q=harbour", "/authors/maren-okafor"]) {
    test(`no CSP violations on ${path}`, async ({ page }) => {
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      // Hydrated: the theme toggle only appears once React runs.
      await expect(page.getByRole("button", { name: "Dark theme" })).toBeVisible();
      expect(violations).toEqual([]);
    });
  }

  test("no CSP violations in preview", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "10.33.0.1" });
    await page.goto(`/api/draft?secret=${e2e.env.PREVIEW_SECRET}&slug=draft-budget-leak`);
    await expect(page.getByRole("region", { name: "Preview" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("button", { name: "Dark theme" })).toBeVisible();
    expect(violations).toEqual([]);
  });
});

/** One raw HTTP/1.1 request, so paths can carry bytes a URL library would refuse or normalise. */
function raw(method: string, target: string, extraHeaders = ""): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(PORT, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(15_000, () => socket.destroy(new Error(`timeout: ${method} ${target.slice(0, 80)}`)));
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text });
    });
    socket.write(Buffer.concat([Buffer.from(`${method} `), Buffer.from(target, "latin1"), Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nConnection: close\r\n${extraHeaders}\r\n`)]));
  });
}

function hostileTargets(): string[] {
  const traversal = ["..", "%2e%2e", "%2E%2E", "..%2f", "%2e%2e%2f", "..%5c", "%2e%2e%5c", "..\\", "%252e%252e%252f", "....//", "%c0%ae%c0%ae", "..%00", "%2e%2e%2f%2e%2e%2f"];
  const secrets = ["/.env", "/.env.local", "/.git/config", "/.git/HEAD", "/package.json", "/package-lock.json", "/next.config.ts", "/tsconfig.json", "/content/site.yml", "/content/articles/draft-budget-leak.md", "/content/authors/maren-okafor.md", "/.next/BUILD_ID", "/node_modules/next/package.json", "/proxy.ts", "/app/layout.tsx", "/scripts/wordpress/.env.wordpress", "/etc/passwd"];
  const prefixes = ["", "/news", "/news/world-news", "/content-images", "/_next/static", "/authors", "/tags", "/api/articles", "/feeds", "/og", "/sitemaps", "/section-pages"];
  const targets = new Set<string>();
  for (const p of prefixes) {
    for (const t of traversal) {
      for (const s of ["/etc/passwd", "/.env", "/package.json", "/content/site.yml"]) targets.add(`${p}/${t}${s}`);
      targets.add(`${p}/${t}/${t}/${t}/.git/config`);
    }
  }
  for (const s of secrets) targets.add(s);
  for (const p of ["/news", "/content-images/x", "/authors/maren-okafor", "/api/articles"]) {
    targets.add(`${p}%00`);
    targets.add(`${p}/%00.md`);
    targets.add(`${p}/%ff%fe`);
    targets.add(`${p}/%c3%28`);
    targets.add(`${p}/\u00ff\u00fe`);
    targets.add(`${p}/%e2%80%ae%e2%80%8bevil`);
    targets.add(`${p}/%d0%b0uthors`); // Cyrillic a
    targets.add(`${p}/${"a".repeat(4000)}`);
    targets.add(`${p}?${"q=x&".repeat(800)}`);
  }
  for (const n of ["99999999999999999999", "1e9", "0x10", "-0", "2147483648", "%31", "1%00", "１"]) {
    targets.add(`/news/page/${n}`);
    targets.add(`/authors/maren-okafor/page/${n}`);
    targets.add(`/tags/harbour/page/${n}`);
    targets.add(`/api/articles?cursor=${n}`);
  }
  for (const q of ["secret[]=x&slug=y", "secret=x&secret=y", "slug[]=a", "secret[a]=b", "__proto__=1", "constructor[prototype]=x"]) {
    targets.add(`/api/draft?${q}`);
    targets.add(`/api/articles?${q}`);
    targets.add(`/api/search?q=x&${q}`);
  }
  targets.add(`/search?q=${"%e2%80%ae".repeat(300)}`);
  targets.add(`/search?q=${"x".repeat(8000)}`);
  targets.add("/api/search?q=%ff%fe");
  targets.add("/news/%2e%2e/%2e%2e/package.json");
  targets.add("//evil.example/%2e%2e");
  targets.add("/\\evil.example");
  return [...targets];
}

test.describe("hostile input", () => {
  test.setTimeout(180_000);

  test("a few hundred hostile requests: never a 5xx, never a file or secret", async () => {
    const targets = hostileTargets();
    expect(targets.length).toBeGreaterThan(300);
    const leaks = [/PREVIEW_SECRET/, /"dependencies"\s*:/, /\[core\]/, /root:x:0:0/, /^section:\s/m, /^publishedAt:\s/m, /zephyrine/, /application password/i, /"compilerOptions"/];
    const failures: string[] = [];
    for (let i = 0; i < targets.length; i += 8) {
      await Promise.all(
        targets.slice(i, i + 8).map(async (target) => {
          const { status, body } = await raw("GET", target);
          if (status === 0 || status >= 500) failures.push(`${status} ${target.slice(0, 100)}`);
          for (const leak of leaks) if (leak.test(body)) failures.push(`leak ${leak} ${target.slice(0, 100)}`);
        }),
      );
    }
    expect(failures).toEqual([]);
  });

  test("wrong methods on API routes answer 405", async () => {
    for (const [method, path] of [
      ["POST", "/api/articles"],
      ["DELETE", "/api/search?q=x"],
      ["PUT", "/api/draft"],
      ["GET", "/api/draft/exit"],
      ["GET", "/api/revalidate"],
      ["PATCH", "/api/revalidate"],
    ]) {
      const { status, body } = await raw(method, path, method === "GET" ? "" : "Content-Length: 0\r\n");
      expect(status, `${method} ${path}`).toBe(405);
      expect(body).toMatch(/allow: /i);
    }
  });
});
