/**
 * The revalidation bus against a real Redis: what an instance whose subscription dropped reads when it
 * comes back (a message published meanwhile is not replayed to it; the newest content commit is).
 */
import { describe, expect, it, vi } from "vitest";
import { redisAvailable, untilRedisReady, useTestRedis } from "../../tests/redis-server";
import { redisSubscriber, withRedis } from "./redis.mjs";
import { CONTENT_HEAD_KEY, broadcast, startBus } from "./bus";

const plan = { tags: ["article:harbour-lights-festival"], paths: ["/"], everything: false };
const FIRST = "1111111111111111111111111111111111111111";
const NEWEST = "2222222222222222222222222222222222222222";

describe.skipIf(!redisAvailable())("the bus in a real Redis", () => {
  useTestRedis(3509);

  it("keeps the newest announced commit, and hands it to the resync after the subscription comes back", async () => {
    await untilRedisReady();
    const onPeer = vi.fn(async () => ({ ok: true }));
    const onResync = vi.fn(async (commit?: string) => commit);
    await startBus(onPeer, onResync);
    await vi.waitFor(() => expect(redisSubscriber()?.isReady).toBe(true), { timeout: 10_000 });

    await broadcast({ slug: "harbour-lights-festival" }, plan, FIRST);
    expect(await withRedis("read", (c) => c.get(CONTENT_HEAD_KEY))).toBe(FIRST);
    // A publish without a commit (one shared folder) leaves it as it is.
    await broadcast({ slug: "harbour-lights-festival" }, plan);
    expect(await withRedis("read", (c) => c.get(CONTENT_HEAD_KEY))).toBe(FIRST);
    await broadcast({ slug: "harbour-lights-festival" }, plan, NEWEST);
    expect(onResync).not.toHaveBeenCalled();

    // The subscription drops (a network blip, Redis failing over) and comes back by itself.
    await withRedis("kill", (c) => c.sendCommand(["CLIENT", "KILL", "TYPE", "pubsub"]));
    await vi.waitFor(() => expect(onResync).toHaveBeenCalledWith(NEWEST), { timeout: 20_000, interval: 50 });
    // The instance's own messages are never applied to itself.
    expect(onPeer).not.toHaveBeenCalled();
  }, 30_000);
});
