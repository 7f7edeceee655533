/**
 * The metrics listener: Prometheus' text format on its own port (METRICS_PORT), on loopback unless
 * METRICS_HOST says otherwise — never on the public port (docs/decisions/0141). Only GET /metrics.
 */
import { createServer, type Server } from "node:http";
import { exposition } from "../lib/observability/metrics.mjs";
import type { Logger } from "../lib/observability/log.mjs";
import { CACHE_POLICY } from "../lib/request/cache-policy.mjs";

export function startMetricsListener({ port, host = "127.0.0.1", log }: { port: number; host?: string; log: Logger }): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": CACHE_POLICY.noStore });
      res.end("Not found: the metrics are at /metrics.\n");
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "cache-control": CACHE_POLICY.noStore });
      res.end();
      return;
    }
    exposition().then(
      ({ contentType, body }) => {
        res.writeHead(200, { "content-type": contentType, "cache-control": CACHE_POLICY.noStore, "content-length": Buffer.byteLength(body) });
        res.end(req.method === "HEAD" ? undefined : body);
      },
      (error: unknown) => {
        log.error({ event: "metrics.failed", err: error }, "Collecting the metrics failed");
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8", "cache-control": CACHE_POLICY.noStore });
        res.end("Collecting the metrics failed.\n");
      },
    );
  });
  // A scrape is short; idle keep-alive connections must not hold a shutdown.
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      log.info({ event: "metrics.listening", port, host }, `Metrics on http://${host.includes(":") ? `[${host}]` : host}:${port}/metrics`);
      resolve(server);
    });
  });
}
