/**
 * The test mail server from e2e: scripts/mail/postfix.mjs through its CLI (it owns the process and
 * stops it by PID), and its Maildir read here (every message for @inbox.test, by Delivered-To).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const script = path.resolve(__dirname, "..", "..", "scripts", "mail", "postfix.mjs");

export function startMailServer(dir: string, port: number): string {
  const r = spawnSync(process.execPath, [script, "start", "--dir", dir, "--port", String(port)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`the test mail server did not start: ${r.stderr || r.stdout}`);
  return (JSON.parse(r.stdout.trim().split("\n").pop()!) as { mailDir: string }).mailDir;
}

export function stopMailServer(dir: string): void {
  spawnSync(process.execPath, [script, "stop", "--dir", dir], { stdio: "inherit" });
}

/** Raw messages delivered to `address`, in arrival order. */
export function readMailbox(mailDir: string, address: string): string[] {
  const found: { name: string; raw: string }[] = [];
  for (const sub of ["new", "cur"]) {
    const folder = path.join(mailDir, "inbox", sub);
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder)) {
      const raw = fs.readFileSync(path.join(folder, name), "utf8");
      if (/^Delivered-To:\s*(\S+)/im.exec(raw)?.[1].toLowerCase() === address.toLowerCase()) found.push({ name, raw });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true })).map((f) => f.raw);
}
