// Types for ./redis.mjs (plain JavaScript so Next's native import of the cache handler can use it).
import type { RedisClientType } from "@redis/client";

export declare const CONNECT_TIMEOUT_MS: number;
export declare const COMMAND_TIMEOUT_MS: number;
export declare const BREAKER_MS: number;
export declare const TAGS_KEY: string;
export declare const BUS_CHANNEL: string;
export declare const UNAVAILABLE: unique symbol;

export interface TagExpiry {
  stale?: number;
  expired?: number;
}

export declare function reportRedisProblem(what: string, error: unknown): void;
export declare function redisConfigured(): boolean;
export declare function withRedis<T>(what: string, fn: (client: RedisClientType) => Promise<T>): Promise<T | typeof UNAVAILABLE>;
export declare function onRedisReady(listener: () => unknown): () => void;
export declare function redisSubscriber(): RedisClientType | null;
export declare function closeRedis(): Promise<void>;
export declare function expireTags(tags: string | string[], durations?: { expire?: number }): Promise<void>;
export declare function tagStates(tags: string[]): Promise<Map<string, TagExpiry>>;
export declare function isExpiredBy(states: Map<string, TagExpiry>, lastModified: number, at?: number): boolean;
export declare function isStaleBy(states: Map<string, TagExpiry>, lastModified: number): boolean;
export declare function touchedSince(states: Map<string, TagExpiry>, since: number, at?: number): boolean;
export declare function resetLocalTags(): void;
export declare function redisKeyPrefix(): string;
