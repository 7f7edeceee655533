/** The box's progress line: one count per window per process, failures not kept, the line in the site's language. */
import { describe, expect, it } from "vitest";
import { createI18n } from "../i18n/translate";
import { progressAnswer, progressCounter } from "./progress";

describe("progressCounter", () => {
  it("counts once per window, shares a count in flight, and counts again after the window", async () => {
    let now = 1_000_000;
    let calls = 0;
    let release!: (n: number) => void;
    const counter = progressCounter(
      () => {
        calls++;
        return new Promise<number>((resolve) => (release = resolve));
      },
      { memoMs: 10_000, clock: () => now },
    );
    const [a, b] = [counter.read(), counter.read()];
    release(7);
    expect(await a).toEqual({ count: 7, countedAt: new Date(1_000_000).toISOString() });
    expect(await b).toEqual(await a);
    now += 9_999;
    expect(await counter.read()).toEqual(await a);
    expect(calls).toBe(1);
    now += 1;
    const c = counter.read();
    release(8);
    expect(await c).toEqual({ count: 8, countedAt: new Date(1_010_000).toISOString() });
    expect(calls).toBe(2);
  });

  it("answers null when the store fails, keeps nothing of it, and asks again at once", async () => {
    let fail = true;
    const errors: unknown[] = [];
    const counter = progressCounter(async () => {
      if (fail) throw new Error("database is locked");
      return 3;
    }, { onError: (e) => errors.push(e) });
    expect(await counter.read()).toBeNull();
    expect(errors).toHaveLength(1);
    fail = false;
    expect((await counter.read())?.count).toBe(3);
  });
});

describe("progressAnswer", () => {
  const en = createI18n("en", "UTC", () => {});
  it("is the line of the issue, with the goal or without", () => {
    const counted = { count: 1284, countedAt: "2026-12-06T19:00:00.000Z" };
    expect(progressAnswer(counted, 1500, en, "the Ledger")).toEqual({
      count: 1284,
      goal: 1500,
      countedAt: "2026-12-06T19:00:00.000Z",
      text: "1,284 readers support the Ledger this month — help us reach 1,500.",
    });
    expect(progressAnswer({ ...counted, count: 1 }, undefined, en, "the Ledger")).toMatchObject({ goal: null, text: "1 reader supports the Ledger this month." });
  });

  it("formats the count in the site's language (Arabic plural forms and digits, German separators)", () => {
    const ar = createI18n("ar", "UTC", () => {});
    const de = createI18n("de", "UTC", () => {});
    const counted = { count: 1284, countedAt: "2026-12-06T19:00:00.000Z" };
    expect(progressAnswer(counted, 1500, de, "Der Hafenbote").text).toBe("1.284 Leserinnen und Leser unterstützen Der Hafenbote in diesem Monat – helfen Sie uns, 1.500 zu erreichen.");
    const arabic = progressAnswer({ ...counted, count: 2 }, 1500, ar, "الميناء").text!;
    expect(arabic).toContain("يدعم قارئان");
    expect(arabic).toContain(ar.number(1500));
  });

  it("has no line when nothing was counted", () => {
    expect(progressAnswer(null, 1500, createI18n("en", "UTC", () => {}), "the Ledger")).toEqual({ count: null, goal: 1500, countedAt: null, text: null });
  });
});
