/**
 * A real Redis (Debian redis-server) for unit tests, on a loopback port of its own, stopped by PID.
 * Tests that need it use `describe.skipIf(!redisAvailable())`; `npm run test:cluster` installs
 * redis-server first and runs them with MASTHEAD_REQUIRE_REDIS=1, where a missing Redis fails.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { UNAVAILABLE, closeRedis, withRedis } from "../lib/cluster/redis.mjs";

export function redisAvailable(): boolean {
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).stdout.trim() !== "";
  if (!found && process.env.MASTHEAD_REQUIRE_REDIS === "1") throw new Error("redis-server is not installed (apt-get install -y redis-server)");
  return found;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

export interface TestRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM) and waits until the port is closed. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: no persistence). */
  start(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open, commands get no answer — a "slow" Redis. */
  freeze(): void;
  thaw(): void;
}

export async function startTestRedis(port: number): Promise<TestRedis> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-redis-"));
  let child: ChildProcess | null = null;
  const start = async () => {
    if (await portOpen(port)) throw new Error(`port ${port} is in use`);
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
    for (let i = 0; i < 100 && !(await portOpen(port)); i++) await new Promise((r) => setTimeout(r, 50));
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((r) => running.once("exit", r));
    running.kill("SIGCONT");
    running.kill("SIGTERM");
    await exited;
    child = null;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    freeze: () => child?.kill("SIGSTOP"),
    thaw: () => child?.kill("SIGCONT"),
  };
}

/**
 * A Redis for the enclosing `describe`: started before its tests with REDIS_URL pointing at it, and
 * after them the project's client closed, REDIS_URL put back and the server stopped. Returns the
 * server (valid once the tests run).
 */
export function useTestRedis(port: number): () => TestRedis {
  let redis: TestRedis | undefined;
  const previous = process.env.REDIS_URL;
  beforeAll(async () => {
    redis = await startTestRedis(port);
    process.env.REDIS_URL = redis.url;
  });
  afterAll(async () => {
    await closeRedis();
    if (previous) process.env.REDIS_URL = previous;
    else delete process.env.REDIS_URL;
    await redis?.stop();
  });
  return () => redis!;
}

/** Waits until the project's Redis client answers a ping. */
export async function untilRedisReady(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await withRedis("ping", (c) => c.ping())) !== UNAVAILABLE) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("Redis client never became ready");
}
