import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MarkdownSource } from "../../lib/sources/markdown/source";
import { describeContract } from "./contract";
import { fixtureFiles } from "./generate-fixture";
import { FIXTURE_DIR } from "./newsroom";

// The markdown source against the sample newsroom, always (the WordPress run needs a WordPress).
describeContract("markdown", {
  createSource: () => new MarkdownSource(FIXTURE_DIR),
  capabilities: { oldSlugs: true, editorPicks: true, avatars: true, scheduling: true, kinds: true, corrections: true, draftPages: false, liveBlogs: true },
});

describe("the markdown copy of the sample newsroom", () => {
  it("matches newsroom.json (regenerate with: npx tsx tests/conformance/generate-fixture.ts)", () => {
    for (const [rel, content] of fixtureFiles()) {
      expect(fs.readFileSync(path.join(FIXTURE_DIR, rel), "utf8"), rel).toBe(content);
    }
  });
});
