/** How scripts start the production server (scripts/server-launch.cjs). */
import { describe, expect, it } from "vitest";

describe("the server's Node flags", () => {
  it("caps V8's heap at 256 MB unless told otherwise, and refuses nonsense", async () => {
    const { serverNodeArgs } = await import("../scripts/server-launch.cjs");
    expect(serverNodeArgs({})).toEqual(["--max-old-space-size=256"]);
    expect(serverNodeArgs({ MASTHEAD_HEAP_MB: "512" })).toEqual(["--max-old-space-size=512"]);
    expect(serverNodeArgs({ MASTHEAD_HEAP_MB: "0" })).toEqual([]);
    expect(serverNodeArgs({ NODE_OPTIONS: "--max-old-space-size=1024" })).toEqual([]);
    expect(() => serverNodeArgs({ MASTHEAD_HEAP_MB: "64" })).toThrow(/MASTHEAD_HEAP_MB/);
    expect(() => serverNodeArgs({ MASTHEAD_HEAP_MB: "lots" })).toThrow(/MASTHEAD_HEAP_MB/);
  });
});
