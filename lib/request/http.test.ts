import { describe, expect, it } from "vitest";
import { crossSiteRefusal, readLimitedText } from "./http";

const post = (headers: Record<string, string>, body?: BodyInit) => new Request("http://localhost:3000/api/draft/exit", { method: "POST", headers, body });

describe("crossSiteRefusal", () => {
  const site = "https://news.example";
  it("lets same-origin and header-less requests through", () => {
    expect(crossSiteRefusal(post({ origin: "https://news.example", "sec-fetch-site": "same-origin" }), site)).toBeNull();
    expect(crossSiteRefusal(post({ host: "127.0.0.1:3301", origin: "http://127.0.0.1:3301" }), site)).toBeNull();
    expect(crossSiteRefusal(post({ host: "10.0.0.5:3000", "x-forwarded-host": "news.example", origin: "https://news.example" }), undefined)).toBeNull();
    expect(crossSiteRefusal(post({}), site)).toBeNull();
  });

  it("refuses other origins, opaque origins and cross-site or same-site fetches", () => {
    const crossSite: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { origin: "https://news.example.evil.example" }];
    for (const headers of crossSite) {
      expect(crossSiteRefusal(post({ host: "news.example", ...headers }), site)?.status, JSON.stringify(headers)).toBe(403);
    }
  });
});

describe("readLimitedText", () => {
  it("reads a body up to the limit, in bytes", async () => {
    expect(await readLimitedText(post({}, "é".repeat(2)), 4)).toEqual({ text: "éé" });
    const over = await readLimitedText(post({}, "é".repeat(3)), 4);
    expect("refused" in over && over.refused.status).toBe(413);
  });

  it("refuses a declared length over the limit without reading, and bodies that are not UTF-8", async () => {
    const declared = await readLimitedText(post({ "content-length": "999999" }), 4096);
    expect("refused" in declared && declared.refused.status).toBe(413);
    const latin1 = await readLimitedText(post({}, new Uint8Array([0xff, 0xfe])), 4096);
    expect("refused" in latin1 && latin1.refused.status).toBe(400);
  });

  it("stops reading a stream at the limit", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const result = await readLimitedText(new Request("http://localhost/x", { method: "POST", body: endless, duplex: "half" } as RequestInit), 4096);
    expect("refused" in result && result.refused.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });
});
