import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "server/**/*.test.ts", "tests/**/*.test.ts", "app/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    // Unit tests never reach the network: the content index asks no oEmbed endpoint unless a test
    // points it at the local stand-in (lib/embeds/oembed.test.ts, docs/decisions/0230).
    env: { EMBED_PREVIEWS: "0" },
  },
});
