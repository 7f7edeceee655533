import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  compress: true,
  images: {
    // Local images come from /content-images (the markdown source) — see docs/decisions.
    localPatterns: [{ pathname: "/content-images/**" }, { pathname: "/**" }],
    formats: ["image/avif", "image/webp"],
  },
};

export default nextConfig;
