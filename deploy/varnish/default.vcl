vcl 4.1;
# Masthead's edge: Varnish 7.1 (Debian `varnish`) with vmod xkey (Debian `varnish-modules`).
# Masthead's own Cache-Control is the policy; this file only honours it (docs/deploy.md,
# docs/decisions/0073). Run it, listening where -a says:
#
#   varnishd -a :80 -f /etc/varnish/default.vcl -s malloc,1g -p http_gzip_support=off
#
# (http_gzip_support=off: Masthead compresses itself, brotli or gzip, and answers
# `Vary: Accept-Encoding`; Varnish's own gzip handling would replace the browser's `br` by `gzip`.)
#
# Purging: `PURGE` with an `xkey-purge: <space-separated tags>` header (Masthead sends it on every
# webhook when EDGE_PURGE_URL points here), from the `purgers` ACL only, and only with the header
# `X-Purge-Secret` equal to the environment variable EDGE_PURGE_SECRET that varnishd was started with
# (Masthead sends its own EDGE_PURGE_SECRET; unset here: every purge is refused). The ACL alone is
# not enough: a TLS terminator on the same host makes every reader look like 127.0.0.1 — unless it
# speaks the PROXY protocol to a `-a …,PROXY` listener (docs/deploy.md). Every object carries the
# tags of its response's `Surrogate-Key` header (lib/request/cache-tags.ts), `site` (the site-wide tag, so
# `{"all": true}` also empties responses that carry no tags) and `path:<its path>` (for purging one
# path by hand: `PURGE` + `xkey-purge: path:/news`).

import std;
import directors;
import xkey;

# Masthead's readiness (server/health.ts): 200 once the instance has started, warmed up and
# its content source answers; 503 while starting and from the moment it receives SIGTERM, while it
# still finishes what it was sent (SHUTDOWN_DELAY_MS, default 4 s: two failed probes 1 s apart take
# it out of rotation well before it stops accepting). Cheap, answered before Next, never cached.
probe masthead_probe {
    .request = "GET /readyz HTTP/1.1" "Host: localhost" "Connection: close";
    .expected_response = 200;
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

# ---- The only lines a deployer edits: one backend per Masthead instance. -----------------------
backend masthead_a { .host = "127.0.0.1"; .port = "3001"; .probe = masthead_probe; .connect_timeout = 1s; .first_byte_timeout = 30s; .between_bytes_timeout = 10s; }
backend masthead_b { .host = "127.0.0.1"; .port = "3002"; .probe = masthead_probe; .connect_timeout = 1s; .first_byte_timeout = 30s; .between_bytes_timeout = 10s; }
# -------------------------------------------------------------------------------------------------

# Who may purge. Loopback by default; add the addresses of the Masthead instances if they run elsewhere.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new masthead = directors.round_robin();
    masthead.add_backend(masthead_a);
    masthead.add_backend(masthead_b);
}

sub vcl_recv {
    set req.backend_hint = masthead.backend();
    # One id per request, from this edge (a client's own is never trusted): Masthead logs it with
    # the request (its JSON request line's requestId), so an edge log line and an origin one match.
    # On a restart (vcl_synth) the id stays the same.
    if (req.restarts == 0) {
        set req.http.X-Request-Id = server.identity + "-" + req.xid;
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (std.getenv("EDGE_PURGE_SECRET") == "" || req.http.X-Purge-Secret != std.getenv("EDGE_PURGE_SECRET")) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.x-purged + " objects"));
        }
        return (purge);
    }
    # Addresses no page has (as Masthead's own door, server/gate.ts): dot segments in any
    # spelling and backslashes are refused, over-long addresses too; nothing of them is cached.
    if (req.url ~ "^[^?]{1025}" || req.url ~ "^.{4097}") {
        return (synth(414, "URI Too Long"));
    }
    if (req.url ~ "^[^?]*(\\|%5[cC])" || req.url ~ "^[^?]*/(\.|%2[eE]){1,2}(/|\?|$)") {
        return (synth(400, "Bad Request"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # An unreserved character percent-encoded ("/%6Eews") is another spelling of a plain address:
    # Masthead answers it with a 301 to that one; no object is stored under the alias.
    if (req.url ~ "^[^?]*%(2[dDeE]|3[0-9]|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])") {
        return (pass);
    }

    # Endpoints whose answer depends on a cookie or a secret: never cached, cookies left alone.
    if (req.url ~ "^/api/(draft|revalidate|donate)(/|\?|$)") {
        return (pass);
    }
    # Draft mode — Next's bypass cookie, Masthead's signed preview cookie (lib/access/preview-cookie.ts), and
    # the Pages-router preview cookie: never cached, never stored, cookies kept.
    if (req.http.Cookie ~ "(^|;\s*)(__prerender_bypass|masthead-preview|__next_preview_data)=") {
        return (pass);
    }
    # Nothing else reads cookies: a cookie must not split or bypass the cache.
    unset req.http.Cookie;

    # The query string (as Masthead does it, server/queries.ts): pages read none, so
    # `utm_*`, `fbclid`, `cb=N` and the like are dropped and every spelling is one object; the search
    # page reads `q` and `page` only, kept in a fixed order (Masthead normalises their spelling), the
    # thank-you page `session_id`; the JSON API and Next's own endpoints get theirs as sent. An RSC
    # request keeps Next's `_rsc`.
    if (req.url ~ "\?" && req.url !~ "^/(api|_next)/") {
        if (req.url ~ "^/search\?") {
            set req.url = regsuball(req.url, "([?&])(?!(q|page)=)[^&]*", "\1");
            set req.url = std.querysort(regsuball(req.url, "&{2,}", "&"));
            set req.url = regsub(regsub(req.url, "\?&+", "?"), "[?&]+$", "");
        } elsif (req.url ~ "^/support/thank-you\?") {
            # Reader revenue's return page reads Stripe's session id (and is never cached).
            set req.url = regsub(req.url, "\?(.*&)?(session_id=[^&]*).*$", "?\2");
        } elsif (req.url ~ "^/newsletters/(preferences|unsubscribe)\?") {
            # A newsletter reader's signed link (never cached): its `token`, `list` and `saved`.
            set req.url = regsuball(req.url, "([?&])(?!(token|list|saved)=)[^&]*", "\1");
            set req.url = std.querysort(regsuball(req.url, "&{2,}", "&"));
            set req.url = regsub(regsub(req.url, "\?&+", "?"), "[?&]+$", "");
        } elsif (req.http.RSC && req.url ~ "[?&]_rsc=") {
            set req.url = regsub(req.url, "\?.*?(_rsc=[^&]*).*$", "?\1");
        } else {
            set req.url = regsub(req.url, "\?.*$", "");
        }
    }

    # Three variants at most: brotli, gzip, or identity (Masthead answers Vary: Accept-Encoding).
    if (req.http.Accept-Encoding ~ "\bbr\b") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }

    # No Authorization handling here: Masthead serves nothing public that needs it.
    if (req.http.Authorization) {
        return (pass);
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    # A copy fetched over HTTPS carries HSTS (Masthead adds it per request, when X-Forwarded-Proto
    # says https): it is another object than the plain-HTTP one, so neither reaches the other scheme.
    if (req.http.X-Forwarded-Proto == "https") {
        hash_data("https");
    }
    # Next answers client-side navigations (RSC) on the same URL with another body; it also says so
    # in Vary, but hashing the flag keeps HTML and RSC objects apart even behind a Vary-less CDN.
    if (req.http.RSC) {
        hash_data("rsc");
    }
    return (lookup);
}

sub vcl_backend_fetch {
    # Masthead sees the client as X-Forwarded-For (set TRUST_PROXY=1); nothing else to add.
    return (fetch);
}

sub vcl_backend_response {
    # A failed background refresh keeps the copy in grace (stale-if-error).
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # One more try on the other instance before a reader sees an error.
    if (beresp.status >= 500 && bereq.retries < 1 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
    # Masthead sends whole, buffered bodies; receiving them whole before delivery means an instance
    # dying mid-body costs a retry (vcl_synth), not a reader's connection cut halfway through a page.
    set beresp.do_stream = false;

    # The tags for purging: the site-wide tag, the path, and Masthead's Surrogate-Key.
    set beresp.http.xkey = "site path:" + regsub(bereq.url, "\?.*$", "");
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.xkey + " " + beresp.http.Surrogate-Key;
    }

    # Never stored: private, no-store, no-cache, a cookie being set, Vary: *, or no cache lifetime.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(^|[,\s])(private|no-store|no-cache)([,\s=]|$)"
        || beresp.http.Vary ~ "\*"
        || beresp.http.Surrogate-Control ~ "(?i)no-store"
        || (!beresp.http.Cache-Control && !beresp.http.Expires)) {
        set beresp.ttl = 120s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    # Lifetimes: Varnish already took s-maxage (else max-age) as the TTL. Grace is how long a copy
    # may be served past it: stale-while-revalidate while Masthead refreshes it, stale-if-error while
    # Masthead is down — whichever is longer, since Varnish has one grace for both.
    set beresp.grace = 0s;
    if (beresp.http.Cache-Control ~ "(?i)stale-while-revalidate=\d+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "(?i)^.*stale-while-revalidate=(\d+).*$", "\1") + "s", 0s);
    }
    if (beresp.http.Cache-Control ~ "(?i)stale-if-error=\d+") {
        if (std.duration(regsub(beresp.http.Cache-Control, "(?i)^.*stale-if-error=(\d+).*$", "\1") + "s", 0s) > beresp.grace) {
            set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "(?i)^.*stale-if-error=(\d+).*$", "\1") + "s", 0s);
        }
    }
    return (deliver);
}

sub vcl_backend_error {
    # The instance went away (refused or reset the connection): try again. Until the probe marks it
    # sick the director may pick it again, so up to three tries; each failure is immediate.
    if (bereq.retries < 3 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}

sub vcl_deliver {
    # The tags are for this cache only.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    # Next's and Masthead's internal headers (Masthead drops them too, server/internal-headers.ts);
    # Next's client router reads four of Next's on the answers to its own RSC requests.
    unset resp.http.x-middleware-rewrite;
    unset resp.http.x-middleware-next;
    unset resp.http.x-middleware-skip;
    unset resp.http.x-middleware-set-cookie;
    unset resp.http.x-middleware-override-headers;
    unset resp.http.x-matched-path;
    unset resp.http.x-nextjs-cache;
    unset resp.http.x-masthead-cache;
    unset resp.http.x-masthead-cache-control;
    if (!req.http.RSC) {
        unset resp.http.x-nextjs-rewritten-path;
        unset resp.http.x-nextjs-rewritten-query;
        unset resp.http.x-nextjs-stale-time;
        unset resp.http.x-nextjs-prerender;
        unset resp.http.x-nextjs-postponed;
    }
    # The reader (or a support ticket) can quote it; set per delivery, never stored with an object.
    set resp.http.X-Request-Id = req.http.X-Request-Id;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    return (deliver);
}

sub vcl_synth {
    # A fetch that failed after its headers (the instance died mid-body): start the request over once.
    if (resp.status == 503 && req.restarts == 0 && (req.method == "GET" || req.method == "HEAD")) {
        return (restart);
    }
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
