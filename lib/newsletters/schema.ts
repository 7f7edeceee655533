/**
 * The newsletters' tables in the reader data store (issue 31). Times are ISO 8601 strings in UTC
 * (the same text in SQLite and PostgreSQL, and they sort as time). Addresses are kept lower case.
 */

export type SubscriberStatus = "pending" | "active" | "unsubscribed" | "bounced";
export type SubscriptionStatus = "pending" | "active" | "unsubscribed";
export type OutboxStatus = "queued" | "sending" | "sent" | "bounced" | "failed" | "cancelled";

export interface NewsletterTables {
  newsletter_subscribers: {
    id: string;
    email: string;
    status: SubscriberStatus;
    created_at: string;
    confirmed_at: string | null;
    bounced_at: string | null;
    /** The last confirmation mail queued for this address (at most one a day). */
    confirmation_sent_at: string | null;
  };
  newsletter_subscriptions: {
    subscriber_id: string;
    list_id: string;
    status: SubscriptionStatus;
    updated_at: string;
  };
  /** What the reader agreed to, when, on which page: kept as evidence of consent (GDPR art. 7). */
  newsletter_consents: {
    id: string;
    subscriber_id: string;
    list_id: string;
    action: "requested" | "confirmed" | "unsubscribed" | "imported";
    at: string;
    page: string | null;
  };
  /** Confirmation links: only a hash of the token is kept; single use; 48 hours. */
  newsletter_tokens: {
    token_hash: string;
    subscriber_id: string;
    lists: string;
    page: string | null;
    expires_at: string;
    used_at: string | null;
  };
  newsletter_editions: {
    id: string;
    /** Unique: "alert:<list>:<article>", "digest:<list>:<local date>" — one edition per key, whichever instance wins. */
    key: string;
    list_id: string;
    kind: "digest" | "alert";
    subject: string;
    /** The web version (no personal links). */
    html: string;
    /** The email's HTML and text with {{PREFERENCES_URL}} / {{UNSUBSCRIBE_URL}} filled per recipient. */
    mail_html: string;
    mail_text: string;
    articles: string;
    covers_until: string;
    created_at: string;
  };
  newsletter_outbox: {
    /** "<edition>:<subscriber>" for an edition's message (enqueued once), "confirm:<uuid>" for a confirmation. */
    id: string;
    kind: "confirm" | "edition";
    subscriber_id: string;
    edition_id: string | null;
    /** confirm: the lists and page the confirmation is for (JSON). */
    data: string | null;
    status: OutboxStatus;
    attempts: number;
    next_attempt_at: string;
    claimed_by: string | null;
    claimed_at: string | null;
    sent_at: string | null;
    last_error: string | null;
    created_at: string;
  };
  newsletter_settings: {
    name: string;
    value: string;
  };
}

declare module "../store/schema" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends NewsletterTables {}
}
