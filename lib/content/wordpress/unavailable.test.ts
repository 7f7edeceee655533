import { describe, expect, it } from "vitest";
import { ContentUnavailableError } from "../errors";
import { contentUnavailableResponse, unavailableOr } from "./unavailable";

describe("route handlers when the content source is down", () => {
  it("answer 503 with Retry-After and no details", async () => {
    const response = unavailableOr(new ContentUnavailableError("WordPress request failed: GET http://cms/wp-json/wp/v2/posts: timed out"));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await response.text()).not.toContain("wp-json");
    expect(contentUnavailableResponse().headers.get("cache-control")).toBe("no-store");
  });

  it("rethrow anything else", () => {
    expect(() => unavailableOr(new TypeError("bug"))).toThrow(TypeError);
  });
});
