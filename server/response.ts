/**
 * The production server's response class. Node's `http.createServer` takes the class of its
 * responses as an option (`ServerResponse`, documented "useful for extending the original
 * ServerResponse"); ours is Node's own with two additions, as methods of a subclass rather than
 * functions patched onto each response:
 * - every head it writes drops the internal headers (internal-headers.ts), whoever wrote it — Next,
 *   the finishing step, the response cache, an own answer;
 * - `capture(finish)`: from then until Next ends the response, what Next writes (head and body) is
 *   kept on the response instead of sent, and `finish(body)` sends the finished version
 *   (deliver.ts). Next's request handler writes to a Node response; it offers no other way to see a
 *   page before it leaves (docs/decisions/0116).
 */
import { ServerResponse, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import type { Socket } from "node:net";
import { dropInternalHeaders, type HeadHeaders } from "./internal-headers";

type Callback = (error?: Error | null) => void;

const toBuffer = (chunk: unknown, encoding?: unknown): Buffer =>
  Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");

/** The response under way on each connection (a keep-alive connection carries one at a time). */
const underWay = new WeakMap<Socket, MastheadResponse>();

/** True while a response of ours has sent its head on this connection and not finished: nothing else may be written there. */
export function responseUnderWay(socket: Socket): boolean {
  const res = underWay.get(socket);
  return Boolean(res && res.headersSent && !res.writableFinished);
}

export class MastheadResponse extends ServerResponse<IncomingMessage> {
  private captured: Buffer[] | null = null;
  private finishing: ((body: Buffer) => Promise<void>) | null = null;

  constructor(req: IncomingMessage) {
    super(req);
    const socket = req.socket;
    underWay.set(socket, this);
    this.once("finish", () => {
      if (underWay.get(socket) === this) underWay.delete(socket);
    });
  }

  /** Keeps what is written from now until the end, then hands the body to `finish`, which sends the response itself. */
  capture(finish: (body: Buffer) => Promise<void>): void {
    this.captured = [];
    this.finishing = finish;
  }

  override writeHead(statusCode: number, reason?: string | HeadHeaders, headers?: HeadHeaders): this {
    if (typeof reason === "object" && reason !== null) [headers, reason] = [reason, undefined];
    if (this.captured) {
      // Next's head stays on the response (status, headers) for the finishing step.
      this.statusCode = statusCode;
      if (typeof reason === "string") this.statusMessage = reason;
      if (Array.isArray(headers)) for (let i = 0; i < headers.length; i += 2) this.setHeader(String(headers[i]), headers[i + 1]);
      else if (headers) for (const [name, value] of Object.entries(headers as OutgoingHttpHeaders)) if (value !== undefined) this.setHeader(name, value);
      return this;
    }
    dropInternalHeaders(this, headers, this.req.headers);
    return typeof reason === "string" ? super.writeHead(statusCode, reason, headers) : super.writeHead(statusCode, headers);
  }

  override flushHeaders(): void {
    if (!this.captured) super.flushHeaders();
  }

  override write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    if (!this.captured) return super.write(chunk, encoding as BufferEncoding, callback as Callback);
    if (chunk != null) this.captured.push(toBuffer(chunk, encoding));
    if (typeof encoding === "function") (encoding as Callback)();
    else if (typeof callback === "function") (callback as Callback)();
    return true;
  }

  override end(chunk?: unknown, encoding?: unknown, callback?: unknown): this {
    if (!this.captured) return super.end(chunk, encoding as BufferEncoding, callback as () => void);
    if (typeof chunk === "function") [callback, chunk] = [chunk, undefined];
    if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    if (chunk != null) this.captured.push(toBuffer(chunk, encoding));
    const body = Buffer.concat(this.captured);
    const finish = this.finishing!;
    this.captured = null;
    this.finishing = null;
    finish(body)
      .catch((error: unknown) => {
        console.error("Finishing a response failed:", error);
        if (!this.headersSent) this.statusCode = 500;
        this.end();
      })
      .finally(() => typeof callback === "function" && (callback as () => void)());
    return this;
  }
}
