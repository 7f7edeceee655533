import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentImage, contentImageForUrl } from "./images";

function folder() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-images-"));
  const images = path.join(root, "content", "images");
  fs.mkdirSync(path.join(images, "sub"), { recursive: true });
  fs.writeFileSync(path.join(images, "a.png"), "png");
  fs.writeFileSync(path.join(images, "sub", "b.svg"), "<svg/>");
  fs.writeFileSync(path.join(root, "package.json"), '{"dependencies":{}}');
  fs.writeFileSync(path.join(root, "outside.png"), "png");
  fs.writeFileSync(path.join(images, "notes.txt"), "text");
  return { root, images };
}

describe("contentImage", () => {
  it("serves regular image files inside images/, also through links that stay inside", () => {
    const { images } = folder();
    fs.symlinkSync("sub/b.svg", path.join(images, "alias.svg"));
    expect(contentImage(images, ["a.png"])).toEqual({ file: fs.realpathSync(path.join(images, "a.png")), type: "image/png" });
    expect(contentImage(images, ["sub", "b.svg"])?.type).toBe("image/svg+xml");
    expect(contentImage(images, ["alias.svg"])?.file).toBe(fs.realpathSync(path.join(images, "sub", "b.svg")));
  });

  it("refuses links out of images/, folders, other types and odd names", () => {
    const { root, images } = folder();
    fs.symlinkSync("../../package.json", path.join(images, "leak.png"));
    fs.symlinkSync(path.join(root, "outside.png"), path.join(images, "abs.png"));
    fs.symlinkSync(root, path.join(images, "up"));
    fs.symlinkSync("notes.txt", path.join(images, "text.png"));
    fs.mkdirSync(path.join(images, "dir.png"));
    for (const segments of [["leak.png"], ["abs.png"], ["up", "outside.png"], ["text.png"], ["dir.png"], ["notes.txt"], ["missing.png"], [".."], ["..", "outside.png"], ["sub", "..", "a.png"], [".hidden.png"], [], ["a.png\u0000"]]) {
      expect(contentImage(images, segments), segments.join("/")).toBeNull();
    }
  });

  it("works when the images folder itself is reached through a link", () => {
    const { root, images } = folder();
    const linked = path.join(root, "linked-images");
    fs.symlinkSync(images, linked);
    expect(contentImage(linked, ["a.png"])?.type).toBe("image/png");
    expect(contentImageForUrl(linked, "/content-images/sub/b.svg")?.type).toBe("image/svg+xml");
    expect(contentImageForUrl(linked, "/elsewhere/a.png")).toBeNull();
    expect(contentImageForUrl(linked, "/content-images/%2e%2e/outside.png")).toBeNull();
    expect(contentImageForUrl(linked, "/content-images/%ff.png")).toBeNull();
  });
});
