/**
 * Preview's application password (WORDPRESS_USER, WORDPRESS_APP_PASSWORD), checked against
 * WordPress before preview reads rely on it: WordPress treats a wrong one as an anonymous visitor.
 */
import { ContentUnavailableError } from "../errors";
import { WordPressHttpError, type WordPressClient } from "./client";
import { wpMe } from "./schema";

/** The credentials are set but WordPress does not accept them. */
export class WordPressCredentialsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "WordPressCredentialsError";
  }
}

export class PreviewCredentials {
  private current: { check: Promise<void>; retryAt: number } | undefined;

  constructor(
    private readonly client: WordPressClient,
    private readonly warn: (message: string) => void,
    private readonly warnOnce: (message: string) => void,
  ) {}

  /**
   * Asks WordPress who we are (GET /users/me). WordPress treats a wrong application password like
   * no password at all — an anonymous visitor, who sees no drafts — so without this check a typo
   * would make preview silently show nothing.
   */
  async verify(): Promise<{ user: string; canPreviewOthersDrafts: boolean }> {
    if (!this.client.hasCredentials) {
      throw new WordPressCredentialsError("WORDPRESS_USER and WORDPRESS_APP_PASSWORD are not set: preview cannot read drafts or scheduled posts");
    }
    const url = this.client.url("/users/me", { context: "edit" });
    try {
      const me = await this.client.get("/users/me", wpMe, { params: { context: "edit" }, auth: true });
      return { user: me.slug, canPreviewOthersDrafts: Boolean(me.capabilities?.edit_others_posts) };
    } catch (error) {
      const http = error instanceof ContentUnavailableError && error.cause instanceof WordPressHttpError ? error.cause : undefined;
      if (http && (http.status === 401 || http.status === 403)) {
        throw new WordPressCredentialsError(
          `WordPress at ${this.client.baseUrl} rejected WORDPRESS_USER / WORDPRESS_APP_PASSWORD (GET ${url} → ${http.message}). ` +
            "WordPress treats a wrong application password as an anonymous visitor, so preview would show no drafts. " +
            "Check the user name and create a new application password (Users → Profile → Application Passwords); " +
            "WordPress accepts application passwords only over HTTPS or when WP_ENVIRONMENT_TYPE is 'local', " +
            "and a web server in front of PHP must pass the Authorization header through.",
          { cause: error },
        );
      }
      throw error;
    }
  }

  /**
   * Runs the credential check and reports the outcome in the server log. Call it at server start
   * (instrumentation.ts → checkWordPressCredentials()), outside any request: inside a static
   * render its uncached request would turn the page dynamic ("Page changed from static to dynamic").
   */
  async checkAtStartup(): Promise<void> {
    if (!this.client.hasCredentials) {
      this.warn("WORDPRESS_USER / WORDPRESS_APP_PASSWORD are not set: preview shows published posts only");
      return;
    }
    try {
      await this.ensure();
      console.info(`[wordpress] preview credentials accepted by ${this.client.baseUrl}`);
    } catch (error) {
      console.error(`[wordpress] ${(error as Error).message}`);
    }
  }

  /** Preview reads wait for the check; a rejected password fails them with the clear message. */
  ensure(): Promise<void> {
    if (!this.current || this.current.retryAt <= Date.now()) {
      const check = this.verify().then((me) => {
        if (!me.canPreviewOthersDrafts) this.warnOnce(`WORDPRESS_USER "${me.user}" cannot edit others' posts: preview shows only their own drafts`);
      });
      const entry = { check, retryAt: Number.POSITIVE_INFINITY };
      // A rejected password is checked again after a minute (it may be fixed in WordPress); a
      // WordPress that could not be reached, on the next preview read.
      check.catch((error) => {
        entry.retryAt = error instanceof WordPressCredentialsError ? Date.now() + 60_000 : 0;
      });
      this.current = entry;
    }
    return this.current.check;
  }
}
