// Headers that are Next's or this server's own business and must not reach readers (issue 27,
// item 9): they name internal routes (`x-middleware-rewrite: /article-pages/<slug>`), the proxy's
// policy hand-over and the state of our caches. Removed from every response as its head is
// written, whoever set them — Next, the finishing step or the response cache — and again in the
// edge's vcl_deliver (deploy/varnish/default.vcl).
//
// Next's client router reads four of Next's headers on the answers to its own (RSC) requests: those
// stay on RSC answers only. `x-masthead-cache` (hit, miss, bypass: the response cache's state) is
// sent only when MASTHEAD_DEBUG_HEADERS=1 (the e2e suite and `npm run bench` set it).

/** Never sent. */
const ALWAYS = ["x-matched-path", "x-nextjs-cache", "x-masthead-cache-control", "x-masthead-peer-address", "x-invoke-path", "x-invoke-query", "x-invoke-status"];
/** Sent only on the answer to an RSC request, where Next's client router reads them. */
const RSC_ONLY = ["x-nextjs-rewritten-path", "x-nextjs-rewritten-query", "x-nextjs-stale-time", "x-nextjs-prerender", "x-nextjs-postponed"];

/** The names to remove from the answer to a request with these headers. */
export function internalHeaderNames(requestHeaders = {}, env = process.env) {
  const names = [...ALWAYS];
  if (requestHeaders.rsc === undefined) names.push(...RSC_ONLY);
  if (env.MASTHEAD_DEBUG_HEADERS !== "1") names.push("x-masthead-cache");
  return names;
}

/** True for a header name no reader gets, whatever the request (every `x-middleware-*` too). */
export function isInternalHeader(name, requestHeaders = {}, env = process.env) {
  const n = String(name).toLowerCase();
  return n.startsWith("x-middleware-") || internalHeaderNames(requestHeaders, env).includes(n);
}

/** Makes `res` drop the internal headers when its head is written (explicitly or by the first write). */
export function stripInternalHeaders(req, res, env = process.env) {
  const writeHead = res.writeHead;
  res.writeHead = function (status, reason, headers) {
    for (const name of res.getHeaderNames()) if (isInternalHeader(name, req.headers, env)) res.removeHeader(name);
    const given = typeof reason === "object" && reason !== null ? reason : headers;
    if (Array.isArray(given)) {
      // [name, value, name, value…]: blank out the internal pairs in place.
      const kept = [];
      for (let i = 0; i < given.length; i += 2) if (!isInternalHeader(given[i], req.headers, env)) kept.push(given[i], given[i + 1]);
      given.splice(0, given.length, ...kept);
    } else if (given) {
      for (const name of Object.keys(given)) if (isInternalHeader(name, req.headers, env)) delete given[name];
    }
    return writeHead.apply(this, arguments);
  };
}
