import { getImageProps, type ImageProps } from "next/image";
import { preload } from "react-dom";

/**
 * `next/image`'s `<img>` — the same optimised `src`/`srcSet`/`sizes`, width and height — rendered by
 * the server alone. `next/image` is a client component whose state and load handlers hydrate on
 * every picture of a page; ours need none (no blur placeholder, no onLoad). A picture marked
 * `fetchPriority="high"` (the lead image, the front page's lead) is preloaded from the document's
 * head, as `next/image` does (docs/decisions/0193).
 */
export function StaticImage(props: ImageProps) {
  const { props: img } = getImageProps(props);
  if (props.fetchPriority === "high" && img.src) {
    preload(img.src, { as: "image", imageSrcSet: img.srcSet, imageSizes: img.sizes, fetchPriority: "high" });
  }
  // eslint-disable-next-line @next/next/no-img-element -- this is next/image's own output, without its client half
  return <img {...img} alt={props.alt} />;
}
