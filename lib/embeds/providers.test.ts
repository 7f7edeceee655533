import { describe, expect, it } from "vitest";
import { blueskyUrlFromAtUri, matchEmbed } from "./providers";

describe("matchEmbed", () => {
  it("reads every address form of each provider", () => {
    const frames: [string, string][] = [
      ["https://youtube.com/shorts/aqz-KE-bpKQ", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"],
      ["https://m.youtube.com/watch?v=aqz-KE-bpKQ&start=42", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1&start=42"],
      ["https://www.youtube.com/live/aqz-KE-bpKQ?t=1h2m3s", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1&start=3723"],
      ["https://www.youtube.com/playlist?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs", "https://www.youtube-nocookie.com/embed/videoseries?list=PL590L5WQmH8fJ54F369BLDSqIwcs-TCfs&autoplay=1"],
      ["https://vimeo.com/channels/staffpicks/76979871", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"],
      ["https://vimeo.com/76979871/8272103f6e", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=8272103f6e"],
      ["https://mobile.twitter.com/i/web/status/123456789", "https://platform.twitter.com/embed/Tweet.html?id=123456789&dnt=true"],
      ["https://www.instagram.com/ecove/p/C9hWrenLx4Q/", "https://www.instagram.com/p/C9hWrenLx4Q/embed/"],
      ["https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3l6oveex3ii2l", "https://embed.bsky.app/embed/did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3l6oveex3ii2l"],
      ["https://journa.host/@reporter@mastodon.social/112233", "https://journa.host/@reporter@mastodon.social/112233/embed"],
      ["https://soundcloud.com/band/sets/winter", "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fband%2Fsets%2Fwinter&auto_play=true&visual=false"],
      ["https://open.spotify.com/embed/album/1DFixLWuPkv3KT3TnV35m3", "https://open.spotify.com/embed/album/1DFixLWuPkv3KT3TnV35m3"],
      ["https://www.datawrapper.de/_/Xk3pQ/", "https://datawrapper.dwcdn.net/Xk3pQ/"],
      ["https://flo.uri.sh/story/123/embed", "https://flo.uri.sh/story/123/embed"],
    ];
    for (const [url, frame] of frames) expect(matchEmbed(url)?.frameUrl, url).toBe(frame);
  });

  it("gives heights to what is not a video, and the reader's link to the provider's own page", () => {
    expect(matchEmbed("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC")).toMatchObject({ kind: "audio", height: 152, pageUrl: "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC" });
    expect(matchEmbed("https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M")).toMatchObject({ height: 352 });
    expect(matchEmbed("https://youtu.be/aqz-KE-bpKQ?t=90")).toMatchObject({ kind: "video", pageUrl: "https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=90s" });
    expect(matchEmbed("https://youtu.be/aqz-KE-bpKQ")?.height).toBeUndefined();
    expect(matchEmbed("https://twitter.com/ECove_CG/status/99")).toMatchObject({ name: "X", pageUrl: "https://x.com/ECove_CG/status/99" });
  });

  it("is not fooled by look-alike hosts, other pages of the provider, or odd addresses", () => {
    for (const url of [
      "https://youtube.com.evil.example/watch?v=aqz-KE-bpKQ",
      "https://evilyoutube.com/watch?v=aqz-KE-bpKQ",
      "https://www.youtube.com/watch?v=short",
      "https://www.youtube.com/channel/UC123",
      "https://www.youtube.com:8443/watch?v=aqz-KE-bpKQ",
      "https://user:pw@www.youtube.com/watch?v=aqz-KE-bpKQ",
      "javascript://www.youtube.com/watch?v=aqz-KE-bpKQ",
      "ftp://vimeo.com/76979871",
      "https://vimeo.com/about",
      "https://x.com/someone",
      "https://x.com/someone/status/notanumber",
      "https://www.instagram.com/ecove/",
      "https://bsky.app/profile/someone",
      "https://mastodon.evil.example/@a/123",
      "https://mastodon.social/@a/123/reblogs",
      "https://soundcloud.com/discover/sets/x",
      "https://soundcloud.com/band/likes",
      "https://open.spotify.com/user/abc",
      "https://datawrapper.dwcdn.net/toolong1/1/",
      "https://public.flourish.studio/visualisation/abc/",
      "not a url",
      "https://w.soundcloud.com/player/?url=javascript:alert(1)",
    ]) {
      expect(matchEmbed(url), url).toBeNull();
    }
  });

  it("reads Bluesky's at:// addresses from embed code", () => {
    expect(blueskyUrlFromAtUri("at://did:plc:abc/app.bsky.feed.post/3l6oveex3ii2l")).toBe("https://bsky.app/profile/did:plc:abc/post/3l6oveex3ii2l");
    expect(blueskyUrlFromAtUri('at://did:plc:abc"><x/app.bsky.feed.post/3l')).toBeNull();
    expect(blueskyUrlFromAtUri("at://did:plc:abc/app.bsky.feed.like/3l")).toBeNull();
  });
});
