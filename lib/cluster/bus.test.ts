import { describe, expect, it } from "vitest";
import { parseMessage } from "./bus";
import { nextCacheTags } from "../publishing/apply";

describe("revalidation bus", () => {
  it("names a plan the way Next's revalidatePath and revalidateTag do", () => {
    const tags = nextCacheTags({ tags: ["home", "article:a"], paths: ["/", "/news/a", "/news/"], everything: true });
    expect(tags).toEqual(expect.arrayContaining(["home", "article:a", "_N_T_/", "_N_T_/index", "_N_T_/news/a", "_N_T_/news", "_N_T_/layout"]));
    expect(nextCacheTags({ tags: [], paths: ["/news"], everything: false })).not.toContain("_N_T_/layout");
  });

  it("accepts only well-formed messages of ours", () => {
    const good = { v: 1, origin: "x", body: { slug: "harbour-lights-festival" }, plan: { tags: ["home"], paths: ["/"], everything: false }, sentAt: 1 };
    expect(parseMessage(JSON.stringify(good))?.body.slug).toBe("harbour-lights-festival");
    expect(parseMessage("not json")).toBeNull();
    expect(parseMessage(JSON.stringify({ ...good, v: 2 }))).toBeNull();
    expect(parseMessage(JSON.stringify({ ...good, body: { slug: "../etc" } }))).toBeNull();
    expect(parseMessage(JSON.stringify({ ...good, plan: { tags: [1], paths: [] } }))).toBeNull();
    // The content repository's commit, when the publish named one: a full id or nothing.
    const commit = "0123456789abcdef0123456789abcdef01234567";
    expect(parseMessage(JSON.stringify({ ...good, commit }))?.commit).toBe(commit);
    expect(parseMessage(JSON.stringify(good))).not.toHaveProperty("commit");
    for (const bad of ["HEAD", commit.slice(0, 7), `--upload-pack=x${commit}`, 1]) expect(parseMessage(JSON.stringify({ ...good, commit: bad }))).toBeNull();
  });
});
