/**
 * One raw HTTP/1.1 request over a socket of its own, for paths a URL library would normalise (dot
 * segments, backslashes, encodings) and headers fetch() refuses to send. The whole answer is read as
 * latin1 text until the server closes (`Connection: close`). `prefix` goes before the request line
 * (a PROXY protocol line), `body` after the headers (latin1; say its length in `headers`). A connection reset after part of an answer keeps that part.
 */
import net from "node:net";

export interface RawAnswer {
  status: number;
  /** The status line. */
  head: string;
  /** Lower-cased header names; the last of repeated ones. */
  headers: Record<string, string>;
  body: string;
  /** The whole answer: status line, headers and body. */
  text: string;
}

export function rawRequest(port: number, target: string, { method = "GET", headers = "", prefix = "", body = "" } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(15_000, () => socket.destroy(new Error(`timeout: ${target.slice(0, 80)}`)));
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", (error) => (chunks.length ? socket.destroy() : reject(error)));
    socket.on("close", () => resolve(parseAnswer(Buffer.concat(chunks).toString("latin1"))));
    socket.write(Buffer.concat([Buffer.from(prefix), Buffer.from(`${method} `), Buffer.from(target, "latin1"), Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n${headers}\r\n`), Buffer.from(body, "latin1")]));
  });
}

/** An answer's text split into its status, headers and body. */
export function parseAnswer(text: string): RawAnswer {
  const [head, ...lines] = text.split("\r\n\r\n")[0].split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, headers, body: text.slice(text.indexOf("\r\n\r\n") + 4), text };
}
