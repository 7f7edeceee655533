/** The answers the server makes itself carry the security headers of the build it serves. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ownAnswers } from "./own-answers";

describe("the server's own answers (400, 405, 301, Node's rejections)", () => {
  /** An app folder with two builds whose site-wide headers differ, as the English and Arabic sites' do. */
  function twoBuilds(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-own-"));
    for (const [dist, policy] of [[".next", "default-src 'self'; form-action https://en.example"], [".next-ar", "default-src 'self'; form-action https://ar.example"]]) {
      fs.mkdirSync(path.join(dir, dist));
      const headers = [{ source: "/:path*", regex: "^(?:/(.*))?$", headers: [{ key: "Content-Security-Policy", value: policy }, { key: "X-Frame-Options", value: "DENY" }] }];
      fs.writeFileSync(path.join(dir, dist, "routes-manifest.json"), JSON.stringify({ headers }));
    }
    return dir;
  }
  afterEach(() => {
    delete process.env.MASTHEAD_DIST_DIR;
  });

  it("carry the security headers of the build being served (MASTHEAD_DIST_DIR), never another's", () => {
    const dir = twoBuilds();
    expect(ownAnswers(dir).headers()["content-security-policy"]).toContain("https://en.example");
    process.env.MASTHEAD_DIST_DIR = ".next-ar";
    const headers = ownAnswers(dir).headers();
    expect(headers["content-security-policy"]).toBe("default-src 'self'; form-action https://ar.example");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["cache-control"]).toBe("no-store");
  });

  it("fall back to a closed policy when the build has no manifest", () => {
    process.env.MASTHEAD_DIST_DIR = ".next-missing";
    expect(ownAnswers(twoBuilds()).headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("add a header that depends on the request (HSTS over HTTPS) only to the requests it applies to", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-own-"));
    fs.mkdirSync(path.join(dir, ".next"));
    const headers = [
      { source: "/:path*", regex: "^(?:/(.*))?$", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
      { source: "/:path*", regex: "^(?:/(.*))?$", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [{ key: "Strict-Transport-Security", value: "max-age=63072000" }] },
    ];
    fs.writeFileSync(path.join(dir, ".next", "routes-manifest.json"), JSON.stringify({ headers }));
    const own = ownAnswers(dir);
    for (let i = 0; i < 2; i++) {
      // Asked twice each, in turn: what one request got never leaks into the next one's answer.
      const https = own.headers({ "x-forwarded-proto": "https" });
      expect(https["strict-transport-security"]).toBe("max-age=63072000");
      expect(own.perRequest({ "x-forwarded-proto": "https" })).toEqual({ "strict-transport-security": "max-age=63072000" });
      const plain = own.headers({ "x-forwarded-proto": "http" });
      expect(plain["strict-transport-security"]).toBeUndefined();
      expect(plain["x-frame-options"]).toBe("DENY");
      expect(own.perRequest({})).toEqual({});
      // A caller may change what it was given.
      https["x-frame-options"] = "SAMEORIGIN";
      delete plain["x-frame-options"];
    }
    expect(own.perRequestNames).toEqual(new Set(["strict-transport-security"]));
  });
});
