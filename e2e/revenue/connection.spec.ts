import net from "node:net";
import { expect, test } from "@playwright/test";
import revenue from "./env.json";

// A refusal sent before the body is read (the webhook's 413 past 256 KB) closes the connection. If it
// closes while the client is still sending, the kernel resets it and the client can lose the answer
// (seen as ECONNRESET/EPIPE in the revenue suite): the server must linger — read and drop what still
// arrives, for a bounded time — as its door does (server/bodies.ts, RFC 9112 §9.6).
const PORT = Number(process.env.E2E_REVENUE_PORT) || revenue.port;

/**
 * POSTs `bytes` of body in 64 KB pieces, one every 40 ms (a reader on a slow line), and reads nothing
 * until it has sent them all: the answer must still be there.
 */
function postAndReadLate(path: string, bytes: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(PORT, "127.0.0.1");
    let text = "";
    socket.pause();
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(`${error.code} after ${text.length} bytes`));
    socket.on("close", () => resolve(text.split("\r\n")[0]));
    socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nStripe-Signature: t=1,v1=00\r\nContent-Type: application/json\r\nContent-Length: ${bytes}\r\n\r\n`);
    const piece = Buffer.alloc(64 * 1024, 0x78);
    let sent = 0;
    const next = () => {
      if (socket.destroyed) return;
      if (sent >= bytes) {
        socket.on("data", (chunk) => (text += chunk.toString("latin1")));
        socket.resume();
        return;
      }
      const size = Math.min(piece.length, bytes - sent);
      sent += size;
      socket.write(piece.subarray(0, size), () => setTimeout(next, 40));
    };
    next();
  });
}

test("a webhook body over 256 KB gets its 413 even while the client is still sending it, every time", async () => {
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await postAndReadLate("/api/webhooks/stripe", 900_000));
  expect(answers).toEqual(Array(4).fill("HTTP/1.1 413 Payload Too Large"));
});
