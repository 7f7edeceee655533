import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, isoTimestamp, levelFromEnv, scrubString } from "./log";

/** A logger writing into an array of parsed lines. */
function capture(options: Parameters<typeof createLogger>[0] = {}) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      cb();
    },
  });
  const log = createLogger({ destination, ...options });
  return { log, lines };
}

describe("the structured logger", () => {
  it("writes one JSON line per call, with level name, time, message and fields", () => {
    const { log, lines } = capture();
    log.child({ component: "bus" }).info({ event: "publish", slug: "a-story", ms: 12 }, "published");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", component: "bus", event: "publish", slug: "a-story", ms: 12, msg: "published" });
    expect(typeof lines[0].time).toBe("string");
  });

  it("takes its level from LOG_LEVEL, and a typo does not silence it", () => {
    expect(levelFromEnv({ LOG_LEVEL: "warn" })).toBe("warn");
    expect(levelFromEnv({ LOG_LEVEL: " DEBUG " })).toBe("debug");
    expect(levelFromEnv({ LOG_LEVEL: "verbose" })).toBe("info");
    expect(levelFromEnv({})).toBe("info");
    const { log, lines } = capture({ level: levelFromEnv({ LOG_LEVEL: "warn" }) });
    log.info("not written");
    log.warn("written");
    expect(lines.map((l) => l.msg)).toEqual(["written"]);
  });

  it("never writes a secret from the environment, wherever it appears", () => {
    const env = { REVALIDATE_SECRET: "s3cr3t-value-of-the-webhook", STRIPE_API_KEY: "sk_test_abcdefgh", REDIS_URL: "redis://app:hunter22@10.0.0.5:6379" };
    const { log, lines } = capture({ env });
    log.warn({ header: "Bearer s3cr3t-value-of-the-webhook" }, "key sk_test_abcdefgh refused");
    log.error(new Error("cannot connect to redis://app:hunter22@10.0.0.5:6379"));
    const text = JSON.stringify(lines);
    expect(text).not.toContain("s3cr3t-value-of-the-webhook");
    expect(text).not.toContain("sk_test_abcdefgh");
    expect(text).not.toContain("hunter22");
    expect(text).toContain("[redacted]");
    expect(text).toContain("10.0.0.5:6379");
  });

  it("never writes a field named like a secret or a cookie", () => {
    const { log, lines } = capture({ env: {} });
    log.info({ headers: { cookie: "masthead-preview=abc.def", authorization: "Bearer xyz", "user-agent": "curl" }, password: "pw", token: "t" }, "in");
    expect(lines[0]).toMatchObject({ headers: { cookie: "[redacted]", authorization: "[redacted]", "user-agent": "curl" }, password: "[redacted]", token: "[redacted]" });
  });

  it("never writes an email address or a query string, in messages, fields or errors", () => {
    const { log, lines } = capture({ env: {} });
    log.info({ subscriber: "jane.doe@example.org", url: "/newsletters/confirm?token=abc&list=daily" }, "sent to Jane.Doe@Example.org");
    const error = new Error("no mailbox for jane.doe@example.org at https://x.test/cb?session=42");
    log.error({ err: error }, "send failed");
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/jane\.doe@example\.org/i);
    expect(text).not.toContain("token=abc");
    expect(text).not.toContain("session=42");
    expect(text).toContain("[email]");
    expect(lines[0].url).toBe("/newsletters/confirm?[redacted]");
    // The error keeps its type and its stack (where it came from), scrubbed.
    const err = lines[1].err as { type: string; message: string; stack: string };
    expect(err.type).toBe("Error");
    expect(err.message).toBe("no mailbox for [email] at https://x.test/cb?[redacted]");
    expect(err.stack).toContain("log.test.ts");
  });

  it("leaves ordinary text alone", () => {
    expect(scrubString("Is Redis down? 3 failures at 10:00", [])).toBe("Is Redis down? 3 failures at 10:00");
    expect(scrubString("@masthead on Mastodon", [])).toBe("@masthead on Mastodon");
  });

  it("stamps each line with the ISO time to the millisecond, as Date writes it", () => {
    // One second's text is reused for the lines of that second: every millisecond of it, and the
    // seconds either side, must read exactly as Date's own.
    const base = Date.UTC(2026, 11, 6, 23, 59, 58, 990);
    for (const now of [base, base + 1, base + 9, base + 10, base + 11, base + 99, base + 100, base + 999, base + 1000, base + 1010, base + 2500, base - 5000, base + 86_400_000]) {
      expect(isoTimestamp(now)).toBe(new Date(now).toISOString());
    }
    const { log, lines } = capture();
    const before = Date.now();
    log.info("now");
    expect(Date.parse(String(lines[0].time))).toBeGreaterThanOrEqual(before);
    expect(String(lines[0].time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
