import { afterEach, describe, expect, it, vi } from "vitest";
import { throttle } from "./refresh";

describe("the /support refresh after Stripe events (throttled)", () => {
  afterEach(() => vi.useRealTimers());

  it("refreshes at once after a quiet spell, then once at the end of the window for a whole burst", async () => {
    vi.useFakeTimers();
    const runs: number[] = [];
    const refresh = throttle(() => void runs.push(Date.now()), 10_000);
    const start = Date.now();
    refresh();
    expect(runs).toEqual([start]);
    // 5,000 more events within the window: one refresh when it ends, not 5,000.
    for (let i = 0; i < 5000; i++) {
      vi.advanceTimersByTime(1);
      refresh();
    }
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toEqual([start, start + 10_000]);
    // The last event of the burst is in that refresh; nothing is pending any more.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(2);
    // After a quiet spell, at once again.
    refresh();
    expect(runs).toHaveLength(3);
  });

  it("keeps going after a refresh that failed", async () => {
    vi.useFakeTimers();
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    let calls = 0;
    const refresh = throttle(() => {
      calls++;
      throw new Error("Redis is down");
    }, 1000);
    refresh();
    await refresh.flush();
    vi.advanceTimersByTime(1000);
    refresh();
    await refresh.flush();
    expect(calls).toBe(2);
    expect(error).toHaveBeenCalledWith(expect.stringContaining("Redis is down"));
    error.mockRestore();
  });
});
