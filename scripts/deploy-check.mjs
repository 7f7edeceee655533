#!/usr/bin/env node
// `npm run check:deploy`: every file of deploy/ checked by the engine that will read it (issue 29).
//   - deploy/systemd/*: `systemd-analyze verify` (Debian `systemd`; no running systemd needed), on a
//     copy where the template is instantiated (masthead@3001.service); any warning fails the check,
//     not only errors (an unknown key is only a warning to systemd, and a hardening line it ignores
//     is a hole);
//   - deploy/prometheus/*: `promtool check config`, `promtool check rules` and `promtool test rules` (Debian `prometheus`);
//   - deploy/varnish/default.vcl: `varnishd -C` compiles it (Debian `varnish` + `varnish-modules`).
// .ci/run installs the three packages when they are missing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const deploy = path.join(root, "deploy");
let failed = false;

function check(title, command, args, { quietMeansOk = false, cwd } = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", cwd, env: { ...process.env, SYSTEMD_LOG_COLOR: "0" } });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  const ok = result.error === undefined && result.status === 0 && (!quietMeansOk || output === "");
  console.log(`${ok ? "✔" : "✖"} ${title}`);
  if (!ok) {
    failed = true;
    console.log(result.error ? `  ${command}: ${result.error.message}` : output.split("\n").map((l) => `  ${l}`).join("\n"));
  }
}

// systemd: verify an instance of the template, and every other unit, together.
const units = fs.readdirSync(path.join(deploy, "systemd")).filter((f) => /\.(service|target|timer|socket)$/.test(f));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-units-"));
const toVerify = [];
for (const unit of units) {
  const text = fs.readFileSync(path.join(deploy, "systemd", unit), "utf8");
  const name = unit.endsWith("@.service") ? unit.replace("@.service", "@3001.service") : unit.endsWith("@.timer") ? unit.replace("@.timer", "@daily.timer") : unit;
  fs.writeFileSync(path.join(work, name), text);
  if (unit.endsWith("@.service")) fs.writeFileSync(path.join(work, unit), text);
  toVerify.push(path.join(work, name));
}
check(`systemd-analyze verify ${units.join(" ")}`, "systemd-analyze", ["verify", "--man=no", ...toVerify], { quietMeansOk: true, cwd: work });
fs.rmSync(work, { recursive: true, force: true });

// Prometheus: the configuration (which loads the rules) and the rules on their own.
check("promtool check config deploy/prometheus/prometheus.yml", "promtool", ["check", "config", path.join(deploy, "prometheus", "prometheus.yml")]);
for (const rules of fs.readdirSync(path.join(deploy, "prometheus")).filter((f) => f.endsWith("-rules.yml"))) {
  check(`promtool check rules deploy/prometheus/${rules}`, "promtool", ["check", "rules", path.join(deploy, "prometheus", rules)]);
}
// The rules' unit tests (series in, expected values and alerts out).
for (const tests of fs.readdirSync(path.join(deploy, "prometheus")).filter((f) => f.endsWith("-rules.test.yml"))) {
  check(`promtool test rules deploy/prometheus/${tests}`, "promtool", ["test", "rules", tests], { cwd: path.join(deploy, "prometheus") });
}

// Varnish: the VCL compiles (with the vmods it imports).
// varnishd makes its working folder itself (it compiles as its own unprivileged user).
const vclWork = path.join(os.tmpdir(), `masthead-vcl-${process.pid}`);
const vcl = spawnSync("varnishd", ["-C", "-f", path.join(deploy, "varnish", "default.vcl"), "-n", vclWork], { encoding: "utf8" });
const vclOk = vcl.error === undefined && vcl.status === 0;
console.log(`${vclOk ? "✔" : "✖"} varnishd -C -f deploy/varnish/default.vcl`);
if (!vclOk) {
  failed = true;
  console.log(vcl.error ? `  varnishd: ${vcl.error.message}` : (vcl.stderr ?? "").split("\n").filter((l) => !l.startsWith(" *") && !l.startsWith("/*")).slice(-20).join("\n"));
}
fs.rmSync(vclWork, { recursive: true, force: true });

process.exit(failed ? 1 : 0);
