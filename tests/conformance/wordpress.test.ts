/**
 * The WordPress source against a real WordPress seeded with the sample newsroom
 * (scripts/wordpress/setup.sh). Runs only when WORDPRESS_URL is set:
 *
 *   scripts/wordpress/setup.sh && set -a && . scripts/wordpress/.env.wordpress && set +a
 *   npx vitest run tests/conformance
 */
import { describe, expect, it } from "vitest";
import { ContentUnavailableError } from "../../lib/sources/errors";
import { WordPressCredentialsError, WordPressSource } from "../../lib/sources/wordpress/source";
import { loadSiteConfig } from "../../lib/config/site";
import { describeContract } from "./contract";
import { FIXTURE_DIR } from "./newsroom";

const url = process.env.WORDPRESS_URL;
const user = process.env.WORDPRESS_USER;
const appPassword = process.env.WORDPRESS_APP_PASSWORD;

const create = (over: Partial<ConstructorParameters<typeof WordPressSource>[0]> = {}) =>
  new WordPressSource({ url: url!, user, appPassword, sectionOrder: loadSiteConfig(FIXTURE_DIR).sections, warn: () => {}, ...over });

if (!url) {
  describe("ContentSource contract: wordpress", () => {
    it.skip("skipped: WORDPRESS_URL is not set (start one with scripts/wordpress/setup.sh, then source scripts/wordpress/.env.wordpress)", () => {});
  });
} else {
  describeContract("wordpress", {
    createSource: () => create(),
    // Old slugs, editor picks and local avatars come from the mu-plugin the seeded WordPress has.
    capabilities: { oldSlugs: true, editorPicks: true, avatars: true, scheduling: false, kinds: true, corrections: true, draftPages: true, liveBlogs: false },
  });

  describe("WordPress specifics", () => {
    it("accepts the application password (GET /users/me)", async () => {
      expect(user && appPassword, "WORDPRESS_USER and WORDPRESS_APP_PASSWORD must be set too").toBeTruthy();
      expect(await create().verifyCredentials()).toMatchObject({ user, canPreviewOthersDrafts: true });
    });

    it("reports a wrong application password clearly instead of previewing as an anonymous visitor", async () => {
      const source = create({ appPassword: "abcd efgh ijkl mnop qrst uvwx" });
      await expect(source.verifyCredentials()).rejects.toThrow(WordPressCredentialsError);
      await expect(source.verifyCredentials()).rejects.toThrow(/rejected WORDPRESS_USER \/ WORDPRESS_APP_PASSWORD .*rest_not_logged_in/);
      await expect(source.getArticleBySlug("secret-harbour-deal", { preview: true })).rejects.toThrow(WordPressCredentialsError);
    });

    it("serves featured images and avatars from the WordPress uploads", async () => {
      const origin = new URL(url).origin;
      const article = (await create().getArticleBySlug("harbour-bridge-reopens"))!;
      expect(article.image?.src.startsWith(`${origin}/wp-content/uploads/`)).toBe(true);
      const response = await fetch(article.image!.src);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect((await create().getAuthor("jonas-whitlock"))?.avatar).toBeUndefined(); // Gravatar only: left out
    });

    it("fails with ContentUnavailableError naming the URL when WordPress cannot be reached", async () => {
      const down = create({ url: "http://127.0.0.1:9", retries: 1, sleep: async () => {} });
      await expect(down.getArticleBySlug("harbour-bridge-reopens")).rejects.toThrow(ContentUnavailableError);
      await expect(down.getSections()).rejects.toThrow(/WordPress request failed: GET http:\/\/127\.0\.0\.1:9\/wp-json\/wp\/v2\/categories/);
    });
  });
}
