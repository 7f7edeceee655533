import { describe, expect, it } from "vitest";
import { memoryCounterStore } from "./counter-store";
import { createPreviewToken, isPreviewRequest, NEXT_PREVIEW_COOKIE, PREVIEW_COOKIE, revokePreviewToken, verifyPreviewToken } from "./preview-cookie";

const SECRET = "a-preview-secret-0123456789";
const NOW = Date.UTC(2026, 11, 1, 12);
const jar = (values: Record<string, string>) => new Map(Object.entries(values).map(([name, value]) => [name, { value }]));

describe("preview token", () => {
  it("verifies when signed with the secret and unexpired; carries a random id", () => {
    const token = createPreviewToken({ secret: SECRET, now: NOW });
    expect(verifyPreviewToken(token, { secret: SECRET, now: NOW + 3599_000 })).toMatchObject({ expiresAt: NOW + 3600_000 });
    expect(createPreviewToken({ secret: SECRET, now: NOW })).not.toBe(token);
  });

  it("refuses expired, tampered, foreign-secret and malformed tokens", () => {
    const token = createPreviewToken({ secret: SECRET, now: NOW });
    const [v, id, exp, sig] = token.split(".");
    expect(verifyPreviewToken(token, { secret: SECRET, now: NOW + 3600_000 })).toBeNull();
    expect(verifyPreviewToken([v, id, String(Number(exp) + 1), sig].join("."), { secret: SECRET, now: NOW })).toBeNull();
    expect(verifyPreviewToken([v, `${id.slice(1)}A`, exp, sig].join("."), { secret: SECRET, now: NOW })).toBeNull();
    expect(verifyPreviewToken(token, { secret: "another-secret-0123456789", now: NOW })).toBeNull();
    expect(verifyPreviewToken(token, { secret: null, now: NOW })).toBeNull();
    for (const bad of [undefined, "", "x", `${token}.x`, token.replace("v1.", "v2."), "v1.a.1.b"]) {
      expect(verifyPreviewToken(bad, { secret: SECRET, now: NOW }), String(bad)).toBeNull();
    }
  });
});

describe("isPreviewRequest", () => {
  it("needs Next's cookie and a valid one of ours, not revoked", async () => {
    const store = memoryCounterStore({ clock: () => NOW });
    const token = createPreviewToken({ secret: SECRET, now: NOW });
    const opts = { secret: SECRET, now: NOW, store };
    expect(await isPreviewRequest(jar({ [NEXT_PREVIEW_COOKIE]: "x", [PREVIEW_COOKIE]: token }), opts)).toBe(true);
    expect(await isPreviewRequest(jar({ [PREVIEW_COOKIE]: token }), opts)).toBe(false);
    expect(await isPreviewRequest(jar({ [NEXT_PREVIEW_COOKIE]: "x" }), opts)).toBe(false);
    await revokePreviewToken(token, opts);
    expect(await isPreviewRequest(jar({ [NEXT_PREVIEW_COOKIE]: "x", [PREVIEW_COOKIE]: token }), opts)).toBe(false);
    // Another editor's cookie is unaffected.
    const other = createPreviewToken({ secret: SECRET, now: NOW });
    expect(await isPreviewRequest(jar({ [NEXT_PREVIEW_COOKIE]: "x", [PREVIEW_COOKIE]: other }), opts)).toBe(true);
  });
});
