/**
 * MAIL_RATE paces messages evenly (docs/decisions/0260): one every 1000/rate ms, not the whole
 * second's allowance at once. A fake clock: what is asserted is when each message was let go, not
 * how long anything took on this machine.
 */
import { describe, expect, it } from "vitest";
import { createPacer, createSender, type PacerClock } from "./sender";

/** A clock that stands still unless moved; `sleep` records how long each caller was told to wait. */
function fakeClock() {
  let t = 0;
  const waits: number[] = [];
  const clock: PacerClock = {
    now: () => t,
    sleep: async (ms) => void waits.push(Math.round(ms)),
  };
  return { clock, waits, advance: (ms: number) => void (t += ms) };
}

describe("createPacer", () => {
  it("lets messages asked for at once go one every 1000/rate ms, not together", async () => {
    const { clock, waits } = fakeClock();
    const pace = createPacer(50, clock);
    await Promise.all(Array.from({ length: 5 }, () => pace()));
    // The first goes at once; the others 20, 40, 60 and 80 ms later.
    expect(waits).toEqual([20, 40, 60, 80]);
  });

  it("keeps no credit from a quiet spell: after an idle second the next messages are spread again", async () => {
    const { clock, waits, advance } = fakeClock();
    const pace = createPacer(50, clock);
    await pace();
    advance(1000);
    await Promise.all([pace(), pace(), pace()]);
    expect(waits).toEqual([20, 40]);
  });

  it("never makes a message wait once the sender is slower than the rate", async () => {
    const { clock, waits, advance } = fakeClock();
    const pace = createPacer(200, clock);
    for (let i = 0; i < 10; i++) {
      await pace();
      advance(7); // each message takes longer than the 5 ms the rate allows
    }
    expect(waits).toEqual([]);
  });

  it("does not wait at all when the rate is 0 (MAIL_RATE=0: as fast as the server takes them)", async () => {
    const { clock, waits } = fakeClock();
    const pace = createPacer(0, clock);
    await Promise.all(Array.from({ length: 20 }, () => pace()));
    expect(waits).toEqual([]);
  });
});

describe("createSender", () => {
  it("paces every message it sends, whatever the mail server answers", async () => {
    const { clock, waits } = fakeClock();
    // Nothing listens on port 1: each attempt ends in a temporary failure, after its turn came.
    const sender = createSender("smtp://127.0.0.1:1", 100, {}, 4, clock);
    try {
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, i) => sender.send({ from: "news@site.test", to: `reader-${i}@inbox.test`, subject: "Briefing", html: "<p>News</p>", text: "News" })),
      );
      expect(results.map((r) => r.status)).toEqual(["retry", "retry", "retry", "retry"]);
      expect(waits).toEqual([10, 20, 30]);
    } finally {
      sender.close();
    }
  });
});
