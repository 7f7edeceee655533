/**
 * `npm start` rebuilds when a build-time setting differs at run time (issue 28): the fingerprint
 * recorded beside the build (scripts/build-fingerprint.mjs) against the one of the environment now,
 * .env files included. Nothing changed: no rebuild.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildFingerprint, rebuildReason } from "../scripts/build-fingerprint.mjs";

let root = "";
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-fingerprint-"));
  fs.mkdirSync(path.join(root, "app"));
  fs.writeFileSync(path.join(root, "app", "page.tsx"), "export default function Page() { return null; }\n");
  fs.mkdirSync(path.join(root, "content", "articles"), { recursive: true });
  fs.writeFileSync(path.join(root, "content", "articles", "a.md"), "---\ntitle: A\n---\nA.\n");
  fs.writeFileSync(path.join(root, ".env"), "SITE_URL=https://harbour-ledger.example\nPREVIEW_SECRET=one-two-three\n");
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const env = (extra: Record<string, string> = {}): Record<string, string> => ({ CONTENT_DIR: "content", SITE_URL: "https://harbour-ledger.example", ...extra });
/** The fingerprint written beside the build, as it comes back from masthead-build.json. */
const recorded = (e: Record<string, string>) => JSON.parse(JSON.stringify(buildFingerprint(root, e)));

describe("npm start's rebuild check", () => {
  it("serves the build as it is when nothing it was made from changed", () => {
    const built = recorded(env());
    expect(rebuildReason(built, buildFingerprint(root, env()))).toBeNull();
    // Run-time settings the build does not use change nothing.
    expect(rebuildReason(built, buildFingerprint(root, env({ PORT: "3301", REDIS_URL: "redis://127.0.0.1:6390" })))).toBeNull();
  });

  it("rebuilds when SITE_URL differs at run time", () => {
    const built = recorded(env());
    expect(rebuildReason(built, buildFingerprint(root, env({ SITE_URL: "https://news.example" })))).toBe("SITE_URL changed");
  });

  it("rebuilds when a .env file changed, a setting added or a new one written", () => {
    const built = recorded(env());
    fs.writeFileSync(path.join(root, ".env"), "SITE_URL=https://news.example\nPREVIEW_SECRET=one-two-three\n");
    expect(rebuildReason(built, buildFingerprint(root, env()))).toBe("a .env file changed");
    fs.writeFileSync(path.join(root, ".env"), "SITE_URL=https://harbour-ledger.example\nPREVIEW_SECRET=one-two-three\n");
    expect(rebuildReason(built, buildFingerprint(root, env()))).toBeNull();
    fs.writeFileSync(path.join(root, ".env.production.local"), "PRERENDER_ARTICLES=5\n");
    expect(rebuildReason(built, buildFingerprint(root, env()))).toBe("a .env file changed");
  });

  it("rebuilds for the other build-time settings, and without a recorded build", () => {
    const built = recorded(env());
    expect(rebuildReason(built, buildFingerprint(root, env({ PRERENDER_ARTICLES: "5" })))).toBe("PRERENDER_ARTICLES changed");
    expect(rebuildReason(built, buildFingerprint(root, env({ SMTP_URL: "smtp://127.0.0.1:2525" })))).toBe("SMTP_URL was set or unset");
    expect(rebuildReason(built, buildFingerprint(root, env({ CONTENT_SOURCE: "wordpress" })))).toBe("the content source (CONTENT_SOURCE) changed");
    expect(rebuildReason(null, buildFingerprint(root, env()))).toMatch(/no build/);
  });
});
