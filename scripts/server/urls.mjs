// Addresses the production server answers itself, before Next sees them.

/** A path whose percent-encoding is not valid UTF-8 cannot name anything here: 400 before routing. */
export function malformedPath(url = "/") {
  try {
    decodeURIComponent(url.split("?")[0]);
    return false;
  } catch {
    return true;
  }
}

/** "/news/?x=1" → "/news?x=1"; null when the path has no trailing slash. Never "//host" (no open redirect). */
export function trailingSlash(url = "/") {
  const [pathname, ...query] = url.split("?");
  if (pathname.length <= 1 || !pathname.endsWith("/")) return null;
  const canonical = `/${pathname.replace(/^\/+|\/+$/g, "")}`;
  return query.length ? `${canonical}?${query.join("?")}` : canonical;
}

