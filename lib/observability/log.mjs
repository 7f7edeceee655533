// The process's one structured logger: JSON lines (pino) on standard output, level from LOG_LEVEL.
//
// Plain JavaScript on purpose: the production server (server/, compiled by the build, and scripts run by Node without a
// build) and Next's bundles both import this file, so the logger lives on globalThis (a Symbol.for
// key, as lib/cluster/redis.mjs does) and every copy of this code writes through the same one.
// Typed entry point for the rest of the code: ./log.ts.
//
// What never reaches a log line (docs/decisions/0140):
// - a secret: the value of any environment variable whose name says it is one (…SECRET, …TOKEN,
//   …PASSWORD, …KEY), the credentials of any URL (`redis://user:pass@host` → `redis://[redacted]@host`),
//   and the value of any field whose name says it is one (password, secret, token, authorization,
//   cookie, set-cookie, signature, api key);
// - a cookie value (the fields above; cookies are never logged whole);
// - an email address (any `local@domain.tld` in a message, a field, an error's message or stack);
// - a full query string: `?a=b…` becomes `?[redacted]` wherever it appears. Request lines carry the
//   path only (server/observe.ts).
import pino from "pino";
import { peekProcessSingleton, setProcessSingleton } from "../config/singleton.mjs";

export const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
export const REDACTED = "[redacted]";

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
/** scheme://user[:password]@ — a URL's credentials. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;
/** A query string with at least one name=value pair, wherever it appears. */
const QUERY = /\?[^\s"'<>#?]*=[^\s"'<>#]*/g;
const SECRET_FIELD = /pass(?:word|wd)?$|secret|token|authorization|cookie|signature|api[-_]?key|credential|^email$|e-?mail[-_]?address/i;
const SECRET_ENV = /SECRET|TOKEN|PASSWORD|PASSWD|(?:^|_)KEY$|_KEY_|CREDENTIALS?$/;
const MAX_DEPTH = 5;
const MAX_STRING = 4096;

/** Environment values that are secrets (only those long enough to be one), longest first. */
function secretValues(env = process.env) {
  const values = new Set();
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === "string" && value.length >= 8 && SECRET_ENV.test(name)) values.add(value);
    // Credentials inside a URL variable (REDIS_URL, DATABASE_URL, SMTP_URL…).
    if (typeof value === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      try {
        const url = new URL(value);
        if (url.password && url.password.length >= 4) values.add(decodeURIComponent(url.password));
      } catch {
        /* not a URL after all */
      }
    }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** A string as it may be logged: no secret, no email address, no query string, bounded. */
export function scrubString(value, secrets = currentSecrets()) {
  let s = value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  for (const secret of secrets) if (s.includes(secret)) s = s.split(secret).join(REDACTED);
  if (s.includes("@")) s = s.replace(URL_CREDENTIALS, `$1${REDACTED}@`).replace(EMAIL, "[email]");
  if (s.includes("?")) s = s.replace(QUERY, `?${REDACTED}`);
  return s;
}

/** A value as it may be logged: strings scrubbed, secret-named fields replaced, depth bounded. */
export function scrub(value, secrets = currentSecrets(), depth = 0) {
  if (typeof value === "string") return scrubString(value, secrets);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Error) return serializeError(value, secrets);
  if (depth >= MAX_DEPTH) return "[…]";
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => scrub(v, secrets, depth + 1));
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  const out = {};
  for (const k of Object.keys(value)) {
    const v = value[k];
    out[k] = v != null && v !== "" && secretField(k) ? REDACTED : scrub(v, secrets, depth + 1);
  }
  return out;
}

/** Whether a field's name says it holds a secret; remembered per name (a line's fields are the same few names). */
const secretFields = new Map();
function secretField(name) {
  let secret = secretFields.get(name);
  if (secret === undefined) {
    secret = SECRET_FIELD.test(name);
    if (secretFields.size < 2000) secretFields.set(name, secret);
  }
  return secret;
}

/**
 * The `time` field: an ISO 8601 timestamp with milliseconds, as pino's isoTime writes it, made from
 * the second's text (formatted once a second) and the milliseconds — one Date a second rather than
 * one a line (in the server, Next wraps Date: each one costs).
 */
let secondStart = -1;
let secondText = "";
export function isoTimestamp(now = Date.now()) {
  const ms = now - secondStart;
  if (ms < 0 || ms >= 1000) {
    secondStart = now - (now % 1000);
    secondText = new Date(secondStart).toISOString().slice(0, 20);
    return isoTimestamp(now);
  }
  return `${secondText}${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms}Z`;
}

/** An error as a log field: type, message, code and stack (all scrubbed), and its cause. */
export function serializeError(error, secrets = currentSecrets(), depth = 0) {
  if (!(error instanceof Error)) return scrub(error, secrets, depth + 1);
  const out = { type: error.name || error.constructor?.name || "Error", message: scrubString(String(error.message ?? ""), secrets) };
  if (error.code !== undefined) out.code = error.code;
  if (error.digest !== undefined) out.digest = String(error.digest);
  if (typeof error.stack === "string") out.stack = scrubString(error.stack, secrets);
  if (error.cause !== undefined && depth < 3) out.cause = error.cause instanceof Error ? serializeError(error.cause, secrets, depth + 1) : scrub(error.cause, secrets, depth + 1);
  return out;
}

function currentSecrets() {
  const state = peekProcessSingleton("logger");
  return state?.secrets ?? secretValues();
}

/** LOG_LEVEL when it names a level, else `info` (a typo must not silence the log). */
export function levelFromEnv(env = process.env) {
  const wanted = String(env.LOG_LEVEL ?? "").trim().toLowerCase();
  return LEVELS.includes(wanted) ? wanted : "info";
}

/**
 * A logger writing JSON lines to `destination` (standard output by default; asynchronous when
 * `sync` is false, flushed when the process exits). Exported for tests; the code uses `logger()`.
 */
export function createLogger({ level = levelFromEnv(), destination, sync = true, env = process.env, base } = {}) {
  const secrets = secretValues(env);
  const stream = destination ?? standardOutput(sync);
  const instance = pino(
    {
      level,
      base: base ?? { pid: process.pid },
      messageKey: "msg",
      errorKey: "err",
      timestamp: () => `,"time":"${isoTimestamp()}"`,
      formatters: {
        level: (label) => ({ level: label }),
        // Every field of every line, before it is written (error fields are serialised below).
        log: (object) => scrub(object, secrets),
      },
      serializers: {
        err: (error) => serializeError(error, secrets),
        error: (error) => serializeError(error, secrets),
      },
      hooks: {
        // The message (and any value formatted into it) is scrubbed as well.
        logMethod(args, method) {
          // log.error(error[, message]): the error as the `err` field, the message scrubbed.
          if (args[0] instanceof Error) args = [{ err: args[0] }, args.length > 1 ? args[1] : args[0].message, ...args.slice(2)];
          for (let i = 0; i < args.length; i++) if (typeof args[i] === "string") args[i] = scrubString(args[i], secrets);
          return method.apply(this, args);
        },
      },
    },
    stream,
  );
  return Object.assign(instance, { [Symbol.for("masthead.logger.secrets")]: secrets });
}

/**
 * Standard output as the logger writes to it. Asynchronous: lines are handed to sonic-boom (pino's
 * own destination) as Buffers, in its "buffer" mode. In its default text mode each line is appended
 * to a pending string whose byte length is measured again at every line, so a server whose writes
 * are in flight pays for the whole pending text at each request (a CPU profile under load put a third
 * of the log's time there); a Buffer per line costs its copy only. Lines are written at once (no
 * minimum length: a quiet server's line is not held back) and flushed when the process exits.
 */
function standardOutput(sync) {
  if (sync) return pino.destination({ dest: 1, sync: true });
  const boom = pino.destination({ dest: 1, sync: false, contentMode: "buffer" });
  return {
    write: (line) => boom.write(Buffer.from(line)),
    flush: (callback) => boom.flush(callback),
    flushSync: () => boom.flushSync(),
  };
}

/**
 * The process's logger, made on first use (standard output, LOG_LEVEL). The production server
 * installs its own first (`installLogger`, asynchronous writes); Next's bundles, tests and scripts
 * then share it.
 * @param {string} [component] names the part of Masthead a line comes from (`{"component":"bus"}`)
 */
export function logger(component) {
  const state = peekProcessSingleton("logger") ?? installLogger();
  return component ? childOf(state, component) : state.root;
}

function childOf(state, component) {
  let child = state.children.get(component);
  if (!child) {
    child = state.root.child({ component });
    state.children.set(component, child);
  }
  return child;
}

/** Makes (or replaces) the process's logger. Returns the root logger. */
export function installLogger(options = {}) {
  const root = createLogger(options);
  const state = { root, children: new Map(), secrets: root[Symbol.for("masthead.logger.secrets")] };
  setProcessSingleton("logger", state);
  return state;
}

/** Writes out what an asynchronous logger still holds (before the process exits). */
export function flushLogger() {
  const state = peekProcessSingleton("logger");
  if (!state) return;
  try {
    state.root.flush();
  } catch {
    /* a closed stream has nothing left to write */
  }
}

/**
 * Sends console.* through the logger (the production server: Next's own messages, and any code not
 * yet using `logger()`, become JSON lines too). An Error among the arguments becomes the `err` field.
 */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export function routeConsole(component = "console") {
  const log = logger(component);
  const route = (level) =>
    function (...args) {
      if (!log.isLevelEnabled(level)) return;
      const error = args.find((a) => a instanceof Error);
      const text = args
        .map((a) => (a === error ? (args.length === 1 ? a.message : `${a.name}: ${a.message}`) : typeof a === "string" ? a : safeInspect(scrub(a))))
        .join(" ")
        // Terminal colours (Next's own lines) mean nothing in a JSON line.
        .replace(ANSI, "");
      if (error) log[level]({ err: error }, text);
      else log[level](text);
    };
  console.log = route("info");
  console.info = route("info");
  console.warn = route("warn");
  console.error = route("error");
  console.debug = route("debug");
  console.trace = route("trace");
}

function safeInspect(value) {
  try {
    if (value === undefined) return "undefined";
    if (typeof value === "object" && value !== null) return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? String(v) : v))?.slice(0, MAX_STRING) ?? String(value);
    return String(value);
  } catch {
    return String(value);
  }
}
