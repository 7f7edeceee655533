import { describe, expect, it } from "vitest";
import { onShutdown, registerReadinessCheck, runReadinessChecks, runShutdownHooks } from "./health";

describe("readiness checks", () => {
  it("ready only when every check passes; a throw, a false or a check that hangs is not ready", async () => {
    registerReadinessCheck("a", async () => true);
    registerReadinessCheck("b", () => undefined);
    expect(await runReadinessChecks()).toEqual({ ready: true, checks: { a: true, b: true } });
    registerReadinessCheck("b", async () => {
      throw new Error("index missing");
    });
    expect(await runReadinessChecks()).toEqual({ ready: false, checks: { a: true, b: false } });
    registerReadinessCheck("b", () => false);
    expect((await runReadinessChecks()).checks.b).toBe(false);
    registerReadinessCheck("b", () => new Promise(() => {}), { timeoutMs: 50 });
    expect(await runReadinessChecks()).toEqual({ ready: false, checks: { a: true, b: false } });
    registerReadinessCheck("b", () => true);
  });
});

describe("shutdown hooks", () => {
  it("flushes first, then closes; a failing or hanging hook does not stop the others", async () => {
    const order: string[] = [];
    onShutdown("redis", async () => void order.push("close redis"), { stage: "close" });
    onShutdown("beacons", async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push("flush beacons");
    });
    onShutdown("outbox", () => {
      throw new Error("database gone");
    });
    onShutdown("stuck", () => new Promise(() => {}));
    const failed = await runShutdownHooks({ timeoutMs: 100 });
    expect(order).toEqual(["flush beacons", "close redis"]);
    expect(failed.sort()).toEqual(["outbox", "stuck"]);
  });
});
