/**
 * The structured logger, for TypeScript code (app/, lib/): `logger("component").info({ …fields },
 * "message")`. One logger per process, shared with the production server (./log.mjs holds it; this
 * file only gives it types). Lines are JSON; the level comes from LOG_LEVEL. Never pass a reader's
 * email address, a cookie or a secret on purpose — they are scrubbed, but a field you do not log
 * cannot leak (docs/decisions/0140).
 *
 *   import { logger } from "@/lib/observability/log";
 *   const log = logger("publish");
 *   log.info({ event: "publish", slug, ms }, "published");
 *   log.error({ err }, "publish failed");
 */
export { logger, flushLogger, scrub, scrubString, serializeError, levelFromEnv, isoTimestamp, createLogger, LEVELS, REDACTED } from "./log.mjs";
export type { Logger, LoggerOptions } from "./log.mjs";
