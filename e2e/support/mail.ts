/**
 * The test mail server from e2e: scripts/mail/postfix.mjs through its CLI (it owns the process and
 * stops it by PID), and what it delivered read here (each reader has a Maildir of their own).
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

/**
 * Every message the mail server took for `address`, in arrival order: the inbox and the copies it kept
 * out of the inbox because the reader already had them (decision 0195). Tests that say "arrives once"
 * count both, so a message sent twice fails them even though the reader would see it once.
 * (scripts/mail/postfix.mjs's readReceived; Playwright's loader cannot import that module.)
 */
export function readMailbox(mailDir: string, address: string): string[] {
  const home = path.join(mailDir, address.toLowerCase(), "Maildir");
  const found: { name: string; file: string }[] = [];
  for (const folder of [home, path.join(home, ".Duplicates")])
    for (const sub of ["new", "cur"]) {
      if (!fs.existsSync(path.join(folder, sub))) continue;
      for (const name of fs.readdirSync(path.join(folder, sub))) found.push({ name, file: path.join(folder, sub, name) });
    }
  return found.sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true })).map((f) => fs.readFileSync(f.file, "utf8"));
}
