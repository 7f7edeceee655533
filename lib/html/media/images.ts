/** 2b. After sanitising (../media.ts): sized, lazy, responsive images, and figures from a lone image with a title. */
import type { Element, ElementContent, Root } from "hast";
import { type MediaContext, english, note } from "./context";
import { type Parent, absoluteUrl, h, hostOf, isBlank, isElement, prop, t } from "./hast";
import { getImageProps } from "next/image";
/** Reading width of the article column (components/ArticlePage.tsx: max-w-3xl). */
const BODY_SIZES = "(min-width: 768px) 768px, 100vw";
/** Images among the first top-level blocks are on the first screen: not lazy. */
const FIRST_SCREEN_BLOCKS = 3;
const MAX_DIMENSION = 20_000;

function dimension(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*(px)?\s*$/.test(value) ? parseInt(value, 10) : NaN;
  return Number.isInteger(n) && n > 0 && n <= MAX_DIMENSION ? n : undefined;
}

export function allowedOrigin(href: string, ctx: MediaContext): boolean {
  try {
    return (ctx.mediaOrigins ?? []).includes(new URL(href).origin);
  } catch {
    return false;
  }
}

/** WordPress's srcset, keeping only candidates on an allowed host with a plain width or density. */
function cleanSrcSet(value: unknown, ctx: MediaContext): string | undefined {
  if (typeof value !== "string") return undefined;
  const kept: string[] = [];
  for (const entry of value.split(/,\s+/)) {
    const [url, descriptor, ...rest] = entry.trim().split(/\s+/);
    if (!url || rest.length || (descriptor !== undefined && !/^\d+(\.\d+)?[wx]$/.test(descriptor))) continue;
    const abs = absoluteUrl(url, ctx.baseUrl);
    if (abs && allowedOrigin(abs, ctx)) kept.push(descriptor ? `${abs} ${descriptor}` : abs);
  }
  return kept.length ? kept.join(", ") : undefined;
}

const cleanSizes = (value: unknown) => (typeof value === "string" && value.length <= 300 && /^[\w\s().,:%-]+$/.test(value) ? value : undefined);

/** Sizes, lazy loading and responsive sources for one image, or its replacement when it cannot be shown. */
function renderImage(img: Element, eager: boolean, ctx: MediaContext): ElementContent | null {
  const raw = prop(img, "src");
  const alt = prop(img, "alt") ?? "";
  if (!raw) {
    note(ctx, `an image without a usable address${alt ? ` ("${alt}")` : ""} was removed`);
    return alt ? t(alt) : null;
  }
  const loading = eager ? "eager" : "lazy";
  if (ctx.localImage && raw.startsWith("/content-images/")) {
    const file = raw.split(/[?#]/)[0];
    const size = ctx.localImage(file);
    ctx.report.localImages[file] = size ?? null;
    if (!size) {
      ctx.report.problems.push(`image ${raw}: no such file in images/`);
      return img;
    }
    const { props } = getImageProps({ src: raw, alt, width: size.width, height: size.height, sizes: BODY_SIZES, loading });
    img.properties = {
      src: props.src,
      alt,
      ...(prop(img, "title") ? { title: prop(img, "title") } : {}),
      width: size.width,
      height: size.height,
      ...(props.srcSet ? { srcSet: props.srcSet, sizes: props.sizes ?? BODY_SIZES } : {}),
      loading,
      decoding: "async",
    };
    return img;
  }
  const abs = ctx.localImage && !/^(https?:)?\/\//i.test(raw) ? null : absoluteUrl(raw, ctx.baseUrl);
  if (!abs) {
    ctx.report.problems.push(`image ${raw}: must be a file in images/ (/content-images/…) or an https:// address`);
    return img;
  }
  if (!allowedOrigin(abs, ctx)) {
    const host = hostOf(abs);
    note(ctx, `an image from ${host} is shown as a link (only images served by this site are shown)`);
    const label = (ctx.mediaText ?? english)("embed.imageFrom", { host });
    return h("a", { href: abs, className: ["media-elsewhere"] }, [t(alt ? (ctx.mediaText ?? english)("embed.buttonLabel", { action: label, title: alt }) : label)]);
  }
  const known = ctx.imageSizes?.get(abs);
  const width = dimension(img.properties.width) ?? known?.width;
  const height = dimension(img.properties.height) ?? known?.height;
  const srcSet = cleanSrcSet(img.properties.srcSet, ctx);
  const sizes = srcSet ? (cleanSizes(img.properties.sizes) ?? BODY_SIZES) : undefined;
  if (!width || !height) note(ctx, `the image ${abs} has no known size; it is shown in a fixed 3:2 box`);
  img.properties = {
    src: abs,
    alt,
    ...(prop(img, "title") ? { title: prop(img, "title") } : {}),
    ...(width && height ? { width, height } : { className: ["unsized"] }),
    ...(srcSet ? { srcSet, sizes } : {}),
    loading,
    decoding: "async",
  };
  return img;
}

/** `![alt](src "Caption")` alone on its line: a figure with the title as its caption. */
function figureFromParagraph(p: Element): Element | null {
  const meaningful = p.children.filter((c) => !isBlank(c));
  if (meaningful.length !== 1) return null;
  const only = meaningful[0];
  const img = isElement(only, "img") ? only : isElement(only, "a") && only.children.filter((c) => !isBlank(c)).length === 1 && isElement(only.children.find((c) => !isBlank(c)), "img") ? (only.children.find((c) => !isBlank(c)) as Element) : null;
  if (!img) return null;
  const title = prop(img, "title")?.trim();
  if (!title) return null;
  delete img.properties.title;
  return h("figure", {}, [only as Element, h("figcaption", {}, [t(title)])]);
}

export function renderImages(tree: Root, ctx: MediaContext): void {
  let first = true;
  tree.children.forEach((block, index) => {
    if (isElement(block, "p")) {
      const figure = figureFromParagraph(block);
      if (figure) tree.children[index] = figure;
    }
  });
  const walk = (parent: Parent, topIndex: number) => {
    parent.children = (parent.children as ElementContent[]).flatMap((child, i): ElementContent[] => {
      const top = parent.type === "root" ? i : topIndex;
      if (!isElement(child)) return [child];
      // An embed's picture (./embeds.ts) is already sized, lazy and served by this site.
      if (child.tagName === "img" && !(child.properties.className as string[] | undefined)?.includes("embed-thumb")) {
        const eager = first && top < FIRST_SCREEN_BLOCKS;
        first = false;
        const out = renderImage(child, eager, ctx);
        return out ? [out] : [];
      }
      walk(child, top);
      return [child];
    }) as typeof parent.children;
  };
  walk(tree, 0);
}
