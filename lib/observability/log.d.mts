// Types for ./log.mjs (plain JavaScript so the production server, run without a build, can import it).
import type { DestinationStream, Level, Logger } from "pino";

export declare const LEVELS: readonly (Level | "silent")[];
export declare const REDACTED: string;
export declare function scrubString(value: string, secrets?: string[]): string;
export declare function scrub<T>(value: T, secrets?: string[]): unknown;
export declare function serializeError(error: unknown, secrets?: string[]): Record<string, unknown>;
/** `now` as pino's isoTime writes it (2026-12-06T12:00:00.123Z). */
export declare function isoTimestamp(now?: number): string;
export declare function levelFromEnv(env?: NodeJS.ProcessEnv | Record<string, string | undefined>): Level | "silent";
export interface LoggerOptions {
  level?: Level | "silent";
  destination?: DestinationStream;
  sync?: boolean;
  env?: NodeJS.ProcessEnv | Record<string, string | undefined>;
  base?: Record<string, unknown>;
}
export declare function createLogger(options?: LoggerOptions): Logger;
export declare function logger(component?: string): Logger;
export declare function installLogger(options?: LoggerOptions): { root: Logger };
export declare function flushLogger(): void;
export declare function routeConsole(component?: string): void;
export type { Logger };
