/**
 * Reading a request body in a handler of the production server itself (before Next), bounded twice:
 * a Content-Length over the limit is refused before a byte is read, and a body without one (chunked)
 * is counted as it arrives and abandoned at the limit — so a client announcing or streaming 10 MB
 * costs no more memory than the limit. Route handlers inside Next use lib/request/http.ts#readLimitedText,
 * the same rule for a web Request. (Issue 27, item 1.)
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 408 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The whole body as a Buffer, at most `maxBytes`, within `timeoutMs` when given. Rejects with a
 * BodyError: 413 when it is or would be larger (the caller answers it with `Connection: close`: the
 * rest of the body is never read), 408 when it takes too long (the request is destroyed), 400 when
 * it is cut short.
 */
export function readBody(req: IncomingMessage, { maxBytes, timeoutMs }: { maxBytes: number; timeoutMs?: number }): Promise<Buffer> {
  const tooLarge = () => new BodyError(413, `Body too large (at most ${maxBytes} bytes).`);
  const declared = req.headers["content-length"];
  if (declared !== undefined && (!/^\d{1,15}$/.test(String(declared)) || Number(declared) > maxBytes)) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const timer = timeoutMs
      ? setTimeout(() => {
          stop(new BodyError(408, "Request timeout."));
          req.destroy();
        }, timeoutMs)
      : undefined;
    const stop = (error: BodyError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off("data", onData);
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return stop(tooLarge());
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("error", (error) => stop(new BodyError(400, error instanceof Error ? error.message : "Bad body.")));
    req.on("aborted", () => stop(new BodyError(400, "The body was cut short.")));
    req.on("end", () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
  });
}

/** How long, and how many bytes, a refused body is still read (and dropped) after the answer. */
export const LINGER_MS = 2000;
export const LINGER_BYTES = 16 * 1024 * 1024;

type LingeringSocket = Socket & { destroySoon?: () => void };

/**
 * For an answer sent before the body it refuses (405, 413) with `Connection: close`: closing the
 * connection while the client is still sending makes the kernel reset it, and a reset can destroy
 * the answer before the client reads it. So, as servers do (RFC 9112 §9.6, "lingering close"), the
 * connection is half-closed after the answer and what still arrives is read and dropped — never
 * kept — for at most LINGER_MS or LINGER_BYTES, then it is closed.
 *
 * Node closes a `Connection: close` response's socket with `socket.destroySoon()`, an undocumented
 * method of net.Socket and the only point where the close can be made lingering: replaced here for
 * this one socket (docs/decisions/0116).
 */
export function lingerAfter(res: ServerResponse): void {
  const socket = res.socket as LingeringSocket | null;
  if (!socket) return;
  socket.destroySoon = function (this: LingeringSocket) {
    if (this.destroyed) return;
    let dropped = 0;
    const close = () => this.destroy();
    const timer = setTimeout(close, LINGER_MS);
    timer.unref();
    this.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) close();
    });
    this.once("close", () => clearTimeout(timer));
    this.once("end", close);
    this.end();
  };
}
