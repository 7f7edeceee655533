import { describe, expect, it } from "vitest";
import { isDistinctKind, kindLabel, meaningfullyUpdated } from "./kinds";
import { toCard } from "./cards";
import { makeArticle } from "../seo/test-fixtures";
import { createI18n } from "../i18n/translate";

const { t } = createI18n("en", "UTC");

describe("kind labels", () => {
  it("label every kind but news", () => {
    expect(kindLabel("news", t)).toBeNull();
    expect(["opinion", "analysis", "review", "explainer", "obituary", "sponsored"].map((k) => kindLabel(k as never, t))).toEqual([
      "Opinion",
      "Analysis",
      "Review",
      "Explainer",
      "Obituary",
      "Sponsored",
    ]);
    expect(kindLabel("opinion", createI18n("fr", "Europe/Paris").t)).toBe("Opinion");
    expect(kindLabel("analysis", createI18n("de", "Europe/Berlin").t)).toBe("Analyse");
    expect(kindLabel("sponsored", createI18n("ar", "Asia/Dubai").t)).toBe("محتوى مموّل");
    expect(["opinion", "analysis", "review"].every((k) => isDistinctKind(k as never))).toBe(true);
    expect(["news", "explainer", "obituary", "sponsored"].some((k) => isDistinctKind(k as never))).toBe(false);
  });

  it("reach the card model, with a corrected article's date", () => {
    expect(toCard(makeArticle({ slug: "paid", kind: "sponsored" }))).toMatchObject({ kind: "sponsored", kindLabel: "Sponsored" });
    const plain = toCard(makeArticle({ slug: "plain" }));
    expect(plain.kind).toBe("news");
    expect(plain).not.toHaveProperty("kindLabel");
    expect(plain).not.toHaveProperty("correctedAt");
    expect(toCard(makeArticle({ slug: "fixed", correctedAt: "2026-11-23T15:00:00.000Z" }))).toMatchObject({ correctedAt: "2026-11-23T15:00:00.000Z", correctedLabel: "November 23, 2026", correctedText: "Updated November 23, 2026" });
  });
});

describe("meaningfullyUpdated", () => {
  const published = "2026-11-05T07:20:00.000Z";
  it("is false below the threshold and true from it on", () => {
    expect(meaningfullyUpdated(published, published, 30)).toBe(false);
    expect(meaningfullyUpdated(published, "2026-11-05T07:49:59.000Z", 30)).toBe(false);
    expect(meaningfullyUpdated(published, "2026-11-05T07:50:00.000Z", 30)).toBe(true);
    expect(meaningfullyUpdated(published, "2026-11-06T07:20:00.000Z", 30)).toBe(true);
  });
  it("with a threshold of 0, shows any later change and nothing else", () => {
    expect(meaningfullyUpdated(published, "2026-11-05T07:20:01.000Z", 0)).toBe(true);
    expect(meaningfullyUpdated(published, published, 0)).toBe(false);
  });
});
