import { StaticImage } from "@/components/StaticImage";
import type { Image as ImageModel } from "@/lib/sources/types";

/** The lead image: sized up front (no layout shift) and loaded with priority, as it is usually the largest paint. */
export function FeaturedImage({ image }: { image: ImageModel }) {
  return (
    <figure className="mt-6">
      <StaticImage
        src={image.src}
        alt={image.alt}
        width={image.width}
        height={image.height}
        loading="eager"
        fetchPriority="high"
        sizes="(min-width: 768px) 768px, 100vw"
        className="h-auto w-full rounded-md bg-panel"
      />
      {(image.caption || image.credit) && (
        <figcaption className="mt-2 text-sm text-muted">
          {image.caption}
          {image.credit && <span className="ms-1 text-xs uppercase tracking-wide">{image.credit}</span>}
        </figcaption>
      )}
    </figure>
  );
}
