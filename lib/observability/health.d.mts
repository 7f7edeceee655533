// Types for ./health.mjs.
import type { Logger } from "pino";

export declare function registerReadinessCheck(name: string, check: () => unknown | Promise<unknown>, options?: { timeoutMs?: number }): void;
export declare function runReadinessChecks(): Promise<{ ready: boolean; checks: Record<string, boolean> }>;
export declare function onShutdown(name: string, hook: () => unknown | Promise<unknown>, options?: { stage?: "flush" | "close" }): void;
export declare function runShutdownHooks(options?: { timeoutMs?: number; log?: Logger }): Promise<string[]>;
