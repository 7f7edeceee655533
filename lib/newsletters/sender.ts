/**
 * The sender: nodemailer (the maintained SMTP client of the Node ecosystem: pooling, rate limiting,
 * STARTTLS, DKIM signing) over pooled connections to SMTP_URL — any SMTP server, a local Postfix or
 * a provider's relay (docs/decisions/0171). Each message has one recipient. The answer is sorted
 * into what the outbox does next:
 * - "sent": the server accepted it (2xx);
 * - "retry": a temporary failure (4xx, connection refused, timeout) — try again later, with backoff;
 * - "bounced": the server refused the recipient permanently (5xx at RCPT) — stop mailing the address;
 * - "failed": the server refused this message permanently for another reason (5xx at MAIL or DATA,
 *   e.g. too large) — do not retry it, but the address is not to blame.
 */
import fs from "node:fs";
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers (List-Unsubscribe, List-Id…). */
  headers?: Record<string, string>;
  /** Stable per outbox row, so a message retried after a crash carries the same Message-ID. */
  messageId?: string;
}

export type SendResult =
  | { status: "sent"; response: string }
  | { status: "retry" | "bounced" | "failed"; error: string; code?: number };

export interface Sender {
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): void;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
  message?: string;
  rejected?: string[];
}

/** Sorts a nodemailer error into retry, bounced (recipient refused for good) or failed. */
export function classifySmtpError(error: unknown): Exclude<SendResult, { status: "sent" }> {
  const e = (error ?? {}) as SmtpError;
  const code = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const text = (e.response || e.message || String(error)).slice(0, 300);
  if (code !== undefined && code >= 500 && code < 600) {
    const atRecipient = e.code === "EENVELOPE" || /^RCPT/i.test(e.command ?? "");
    return { status: atRecipient ? "bounced" : "failed", error: text, code };
  }
  // 4xx, no answer at all (refused, reset, timeout, TLS): all temporary.
  return { status: "retry", error: text, ...(code !== undefined ? { code } : {}) };
}

/** nodemailer's pooled-transport options from SMTP_URL (user and password percent-decoded). */
export function transportOptions(url: string, env: Record<string, string | undefined> = process.env, connections = 5): SMTPPool.Options {
  const u = new URL(url);
  const secure = u.protocol === "smtps:";
  const options: SMTPPool.Options = {
    pool: true,
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    // One connection per message in flight (the outbox worker's concurrency): none waits for another.
    maxConnections: connections,
    maxMessages: 1000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Never write message bodies or addresses to the log.
    logger: false,
  };
  if (u.username) options.auth = { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) };
  // No rateLimit here: nodemailer's lets `rate` messages go back to back at the start of each second
  // and then waits for the next — a burst of the sender's and the SMTP server's work once a second,
  // which the site's readers meet as slow answers. createSender paces evenly instead (createPacer).
  const keyFile = env.DKIM_PRIVATE_KEY_FILE;
  if (keyFile && env.DKIM_DOMAIN && env.DKIM_SELECTOR) {
    options.dkim = { domainName: env.DKIM_DOMAIN, keySelector: env.DKIM_SELECTOR, privateKey: fs.readFileSync(keyFile, "utf8") };
  }
  return options;
}

export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * MAIL_RATE as evenly spaced slots: the n-th message waits until 1000/rate ms after the one before,
 * whichever loop sends it — 50/s is one message every 20 ms, not 50 at once and then nothing for the
 * rest of the second. No credit builds up while the sender is idle or slower than the rate, so an
 * edition starts at the rate, never with a burst. `rate` ≤ 0: no waiting.
 */
export function createPacer(rate: number, clock: PacerClock = realClock): () => Promise<void> {
  if (!(rate > 0)) return async () => {};
  const interval = 1000 / rate;
  let next = -Infinity;
  return async () => {
    const now = clock.now();
    const at = Math.max(now, next);
    next = at + interval;
    if (at > now) await clock.sleep(at - now);
  };
}

export function createSender(url: string, rate: number, env: Record<string, string | undefined> = process.env, connections = 5, clock: PacerClock = realClock): Sender {
  const transport = nodemailer.createTransport(transportOptions(url, env, connections));
  const pace = createPacer(rate, clock);
  return {
    async send(message) {
      await pace();
      try {
        const info = await transport.sendMail({
          from: message.from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          headers: message.headers,
          messageId: message.messageId,
          // One recipient per message: the envelope is exactly the To address.
          envelope: { from: addressOf(message.from), to: [message.to] },
        });
        if (info.rejected.length > 0) return { status: "bounced", error: String(info.response ?? "recipient rejected").slice(0, 300) };
        return { status: "sent", response: String(info.response ?? "") };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    close: () => transport.close(),
  };
}

/** The bare address of a From value ("Name" <a@b> → a@b). */
export function addressOf(from: string): string {
  return /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}
