/**
 * Newsletters end to end (issue 31), in Chromium against a real mail server: Postfix from Debian on
 * 127.0.0.1 (scripts/mail/postfix.mjs), delivering to a Maildir read here, and a private server
 * (its own content copy and reader data store) with SMTP_URL pointing at it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test, expect, type Browser, type Page } from "@playwright/test";
import { startPrivateServer, type PrivateServer } from "./support/private-server";
import { readMailbox, startMailServer, stopMailServer } from "./support/mail";
import e2e from "./env.json";

test.describe.configure({ mode: "serial", timeout: 120_000 });

const SMTP_PORT = Number(process.env.MASTHEAD_SMTP_E2E_PORT || 2525);
const SECRET = e2e.env.REVALIDATE_SECRET;
const SITE = e2e.env.SITE_URL;
const ARTICLE = "/news/local/harbour-bridge-reopens";
let server: PrivateServer;
let postfixDir = "";
let mailDir = "";
let dataDir = "";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  postfixDir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-e2e-postfix-"));
  mailDir = startMailServer(postfixDir, SMTP_PORT);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "masthead-e2e-data-"));
  server = await startPrivateServer({
    portOffset: 7,
    env: { SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`, DATA_DIR: dataDir, MAIL_RATE: "0" },
    // The daily schedule twelve hours away, so the clock never sends a digest during the run; the
    // tests send them with the editors' "send now".
    prepare: (content) => {
      const file = path.join(content, "site.yml");
      const at = new Date(Date.now() + 12 * 3600_000).toISOString().slice(11, 16);
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('schedule: "07:00"', `schedule: "${at}"`));
    },
  });
});
test.afterAll(async () => {
  await server?.stop();
  stopMailServer(postfixDir);
  fs.rmSync(postfixDir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface Mail {
  raw: string;
  headers: string;
  subject: string;
  html: string;
  text: string;
}

/** A message as nodemailer writes it: headers, then a multipart/alternative of quoted-printable text and HTML. */
function parse(raw: string): Mail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, " ");
  const body = rest.join("\n\n");
  const qp = (s: string) => Buffer.from(s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
  // A part ends at its MIME boundary, not at any line starting "--": a quoted-printable line of the
  // text can start with "--" when a random token's "--" falls right after a soft line break.
  const boundaries = [...raw.matchAll(/boundary="?([^"\s;]+)"?/gi)].map((b) => b[1].replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const part = (type: string) => {
    const m = new RegExp(`Content-Type: ${type}[^\\n]*\\r?\\n(?:[^\\n]+\\r?\\n)*\\r?\\n([\\s\\S]*?)\\r?\\n--(?:${boundaries.join("|")})`, "i").exec(body);
    return m ? qp(m[1]) : "";
  };
  return { raw, headers, subject: /^Subject: (.*)$/im.exec(headers)?.[1] ?? "", html: part("text/html"), text: part("text/plain") };
}

const header = (mail: Mail, name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(mail.headers)?.[1]?.trim() ?? null;
const mailsTo = (address: string) => readMailbox(mailDir, address).map(parse);

async function until<T>(what: string, check: () => T | null | undefined | false | Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A link from a mail, pointed at the test server instead of the public origin. */
const local = (url: string) => url.replace(SITE, server.base).replace(/&amp;/g, "&");

async function publish(slug: string, fm: Record<string, string | boolean>, body = "The story so far.") {
  const lines = Object.entries(fm).map(([k, v]) => `${k}: ${typeof v === "string" ? JSON.stringify(v) : v}`);
  fs.writeFileSync(path.join(server.content, "articles", `${slug}.md`), `---\n${lines.join("\n")}\nsection: news/local\nauthors: [ines-calloway]\n---\n\n${body}\n`);
  const r = await fetch(`${server.base}/api/revalidate`, { method: "POST", headers: { authorization: `Bearer ${SECRET}`, "content-type": "application/json" }, body: JSON.stringify({ slug }) });
  expect(r.status).toBe(200);
}

async function sendBriefing() {
  const r = await fetch(`${server.base}/api/newsletters/send`, { method: "POST", headers: { authorization: `Bearer ${SECRET}`, "content-type": "application/json" }, body: JSON.stringify({ list: "morning-briefing" }) });
  expect(r.status).toBe(200);
  return (await r.json()) as { created: boolean; recipients?: number; reason?: string };
}

async function signUpWithJs(page: Page, pathname: string, email: string, lists: string[]) {
  await page.goto(`${server.base}${pathname}`);
  const form = page.locator("#newsletter-article, #newsletter-page").first();
  for (const box of await form.locator('input[name="list"]').all()) await box.setChecked(lists.includes((await box.getAttribute("value"))!));
  await form.getByLabel("Email address").fill(email);
  await form.getByRole("button", { name: "Sign up" }).click();
  await expect(form.getByRole("status")).toContainText("Check your inbox");
}

async function confirmFromMail(page: Page, address: string) {
  const mail = await until(`the confirmation mail to ${address}`, () => mailsTo(address).find((m) => /Confirm your subscription/.test(m.subject)));
  const link = /https:\/\/harbour-ledger\.example\/api\/newsletters\/confirm\?token=[A-Za-z0-9_-]+/.exec(mail.text)![0];
  await page.goto(local(link));
  await expect(page).toHaveURL(/\/newsletters\/confirmed$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are subscribed");
  return mail;
}

test("sign up below an article, confirm, get the briefing, leave with a one-click POST", async ({ page, playwright }) => {
  await page.goto(`${server.base}${ARTICLE}`);
  const form = page.getByTestId("newsletter-article");
  // After the story and below the donation box, never above the story's end.
  const [end, donation, box] = await Promise.all([page.locator("#article-end").boundingBox(), page.getByTestId("donation").boundingBox(), form.boundingBox()]);
  expect(box!.y).toBeGreaterThan(end!.y);
  expect(box!.y).toBeGreaterThan(donation!.y + donation!.height - 1);
  await expect(page.getByTestId("newsletter-footer")).toBeVisible();
  await form.screenshot({ path: test.info().outputPath("signup-article-desktop.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await form.screenshot({ path: test.info().outputPath("signup-article-phone-dark.png") });
  await page.getByTestId("newsletter-footer").screenshot({ path: test.info().outputPath("signup-footer-phone-dark.png") });

  await signUpWithJs(page, ARTICLE, "reader-one@inbox.test", ["morning-briefing"]);
  await expect(page).toHaveURL(`${server.base}${ARTICLE}`); // answered in place, no page load
  const confirmation = await confirmFromMail(page, "reader-one@inbox.test");
  expect(confirmation.html).toContain('lang="en" dir="ltr"');
  expect(confirmation.text).toContain("48 hours");

  await publish("tide-gauge-fixed", { title: "Tide gauge fixed at last", description: "The harbour's tide gauge reads true again.", publishedAt: new Date(Date.now() - 60_000).toISOString() });
  expect(await sendBriefing()).toMatchObject({ created: true, recipients: 1 });
  const briefing = await until("the briefing", () => mailsTo("reader-one@inbox.test").find((m) => /^Morning briefing: /.test(m.subject)));
  expect(briefing.subject).toBe("Morning briefing: Tide gauge fixed at last");
  expect(briefing.html).toContain(`href="${SITE}/news/local/tide-gauge-fixed"`);
  expect(briefing.text).toContain(`${SITE}/news/local/tide-gauge-fixed`);
  expect(header(briefing, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  expect(header(briefing, "List-Id")).toBe("Morning briefing <morning-briefing.harbour-ledger.example>");
  expect(briefing.html).not.toMatch(/<img[^>]+(width="1"|height="1")/); // no tracking pixel

  // The web version at a stable URL.
  const web = /https:\/\/harbour-ledger\.example\/newsletters\/editions\/[0-9a-f-]{36}/.exec(briefing.html)![0];
  await page.goto(local(web));
  await expect(page.getByRole("heading", { name: "Tide gauge fixed at last" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("briefing-web.png"), fullPage: true });

  // One-click unsubscribe as a mail provider does it: a bare POST, no cookies, no redirect followed.
  const unsubscribe = header(briefing, "List-Unsubscribe")!.replace(/^<|>$/g, "").replace(/\s+/g, "");
  const bare = await playwright.request.newContext();
  const answer = await bare.post(local(unsubscribe), { headers: { "content-type": "application/x-www-form-urlencoded" }, data: "List-Unsubscribe=One-Click", maxRedirects: 0 });
  expect(answer.status()).toBe(200);
  await bare.dispose();

  await publish("ferry-timetable-change", { title: "Ferry timetable changes on Monday", publishedAt: new Date().toISOString() });
  expect(await sendBriefing()).toMatchObject({ created: true, recipients: 0 });
  expect(mailsTo("reader-one@inbox.test").map((m) => m.subject)).toEqual(["Confirm your subscription to The Harbour Ledger", "Morning briefing: Tide gauge fixed at last"]);
});

test("signing up again looks the same and sends at most one mail; without JavaScript too", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const answers: string[] = [];
  for (let i = 0; i < 2; i++) {
    await page.goto(`${server.base}/newsletters`);
    await expect(page.getByRole("heading", { level: 1, name: "Newsletters" })).toBeVisible();
    await expect(page.getByText(/^Daily at \d\d:\d\d$/)).toBeVisible();
    const form = page.locator("#newsletter-page");
    await form.getByLabel(/Morning briefing/).check();
    await form.getByLabel(/Breaking news/).check();
    await form.getByLabel("Email address").fill("reader-two@inbox.test");
    await form.getByRole("button", { name: "Sign up" }).click();
    await expect(page).toHaveURL(/\/newsletters\/check-inbox$/);
    answers.push(await page.locator("main").innerText());
  }
  expect(answers[1]).toBe(answers[0]);
  // An address already subscribed gets the same answer, and nothing.
  await page.goto(`${server.base}/newsletters`);
  await page.locator("#newsletter-page").getByLabel(/Morning briefing/).check();
  await page.locator("#newsletter-page").getByLabel("Email address").fill("reader-one@inbox.test");
  await page.locator("#newsletter-page").getByRole("button", { name: "Sign up" }).click();
  expect(await page.locator("main").innerText()).toBe(answers[0]);
  // A later sign-up's mail arriving means the earlier ones were sent (the outbox is first come, first served).
  const sentinel = await fetch(`${server.base}/api/newsletters/subscribe`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "email=reader-sentinel%40inbox.test&list=breaking", redirect: "manual" });
  expect(sentinel.status).toBe(303);
  await until("a later confirmation", () => mailsTo("reader-sentinel@inbox.test").length === 1);
  expect(mailsTo("reader-two@inbox.test")).toHaveLength(1);
  expect(mailsTo("reader-one@inbox.test")).toHaveLength(2);
  await context.close();
});

/** A browser context that the server sees as one client (TRUST_PROXY=1: the proxy's X-Forwarded-For entry). */
const asClient = (browser: Browser, address: string, javaScriptEnabled = true) => browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "x-forwarded-for": address } });

/** Fills and sends the /newsletters form with the page's script; resolves with what the form then says. */
async function signUpOnPage(page: Page, email: string, list: RegExp, bot = false) {
  await page.goto(`${server.base}/newsletters`);
  const form = page.locator("#newsletter-page");
  await form.getByLabel(list).check();
  await form.getByLabel("Email address").fill(email);
  // A bot fills every field it finds, the one people never see included.
  if (bot) await form.locator('input[name="website"]').evaluate((input: HTMLInputElement) => (input.value = "https://cheap-pills.example"));
  await form.getByRole("button", { name: "Sign up" }).click();
  const status = form.getByRole("status");
  // The page's script answers in place: the confirmation note, or why not.
  await expect(status).toHaveText(/Check your inbox|Too many|did not work|valid email/, { timeout: 15_000 });
  return (await status.innerText()).trim();
}

test("a bot filling the honeypot is told what a person is and mailed nothing; one client's eleventh sign-up is refused; one confirmation per address a day", async ({ browser }) => {
  test.setTimeout(180_000);
  // A person, then a bot, from the same form: the same answer, in the page and over plain HTTP.
  const person = await asClient(browser, "198.51.100.10");
  const personPage = await person.newPage();
  const personSaw = await signUpOnPage(personPage, "reader-person@inbox.test", /Breaking news/);
  expect(personSaw).toContain("Check your inbox");
  const bot = await asClient(browser, "198.51.100.11");
  const botPage = await bot.newPage();
  expect(await signUpOnPage(botPage, "reader-bot@inbox.test", /Breaking news/, true)).toBe(personSaw);
  const noScript = await fetch(`${server.base}/api/newsletters/subscribe`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "198.51.100.11" },
    body: "email=reader-bot-two%40inbox.test&list=breaking&website=https%3A%2F%2Fcheap-pills.example",
    redirect: "manual",
  });
  expect(noScript.status).toBe(303);
  expect(noScript.headers.get("location")).toBe("/newsletters/check-inbox");

  // Ten quick sign-ups from one client are fine; the eleventh is told to wait, and nothing is sent for it.
  const busy = await asClient(browser, "198.51.100.12");
  const busyPage = await busy.newPage();
  for (let i = 1; i <= 10; i++) expect(await signUpOnPage(busyPage, `reader-busy-${i}@inbox.test`, /Breaking news/)).toContain("Check your inbox");
  expect(await signUpOnPage(busyPage, "reader-busy-11@inbox.test", /Breaking news/)).toBe("Too many sign-ups from your connection. Try again in a few minutes.");
  await expect(busyPage.locator("#newsletter-page").getByRole("button", { name: "Sign up" })).toBeEnabled();
  const noScriptBusy = await fetch(`${server.base}/api/newsletters/subscribe`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "198.51.100.12" },
    body: "email=reader-busy-12%40inbox.test&list=breaking",
    redirect: "manual",
  });
  expect(noScriptBusy.status).toBe(429);
  expect(Number(noScriptBusy.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await noScriptBusy.text()).toBe("Too many sign-ups from your connection. Try again in a few minutes.");

  // The same address from two other clients, for two lists, the same day: one confirmation mail.
  const first = await asClient(browser, "198.51.100.13");
  const second = await asClient(browser, "198.51.100.14");
  expect(await signUpOnPage(await first.newPage(), "reader-daily@inbox.test", /Breaking news/)).toBe(personSaw);
  expect(await signUpOnPage(await second.newPage(), "reader-daily@inbox.test", /Morning briefing/)).toBe(personSaw);

  // A sign-up queued after all of these arriving means every earlier one was sent or never queued.
  expect(await signUpOnPage(await second.newPage(), "reader-sentinel-two@inbox.test", /Breaking news/)).toBe(personSaw);
  await until("the last confirmation", () => mailsTo("reader-sentinel-two@inbox.test").length === 1, 60_000);
  expect(mailsTo("reader-person@inbox.test")).toHaveLength(1);
  expect(mailsTo("reader-bot@inbox.test")).toEqual([]);
  expect(mailsTo("reader-bot-two@inbox.test")).toEqual([]);
  for (let i = 1; i <= 10; i++) expect(mailsTo(`reader-busy-${i}@inbox.test`), `reader-busy-${i}`).toHaveLength(1);
  expect(mailsTo("reader-busy-11@inbox.test")).toEqual([]);
  expect(mailsTo("reader-busy-12@inbox.test")).toEqual([]);
  expect(mailsTo("reader-daily@inbox.test").map((m) => m.subject)).toEqual(["Confirm your subscription to The Harbour Ledger"]);
  for (const context of [person, bot, busy, first, second]) await context.close();
});

test("the preferences page: lists, my data as JSON, delete me", async ({ page }) => {
  const briefing = mailsTo("reader-one@inbox.test").find((m) => /^Morning briefing: /.test(m.subject))!;
  const preferences = local(/https:\/\/harbour-ledger\.example\/newsletters\/preferences\?token=[^"\s]+/.exec(briefing.html)![0]);
  await page.goto(preferences);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your newsletters");
  const own = page.getByTestId("newsletter-preferences");
  await expect(own.getByText("reader-one@inbox.test")).toBeVisible();
  await expect(own.getByLabel(/Morning briefing/)).not.toBeChecked(); // left with the one-click link
  await own.getByLabel(/Breaking news/).check();
  await own.getByRole("button", { name: "Save my choices" }).click();
  await expect(own.getByRole("status")).toHaveText("Your choices are saved.");
  await expect(own.getByLabel(/Breaking news/)).toBeChecked();

  const download = page.waitForEvent("download");
  await own.getByRole("button", { name: "Download my data (JSON)" }).click();
  const data = JSON.parse(fs.readFileSync((await (await download).path())!, "utf8"));
  expect(data.email).toBe("reader-one@inbox.test");
  expect(data.consents[0]).toMatchObject({ list: "morning-briefing", action: "requested", page: ARTICLE });
  expect(data.subscriptions).toEqual(expect.arrayContaining([expect.objectContaining({ list: "breaking", status: "active" })]));

  await own.getByRole("button", { name: "Delete me" }).click();
  await expect(page).toHaveURL(/\/newsletters\/deleted$/);
  await page.goto(preferences);
  await expect(page).toHaveURL(/\/newsletters\/link-invalid$/);
});

test("an alert published through the webhook is mailed once; a draft alert never", async ({ page }) => {
  await signUpWithJs(page, ARTICLE, "reader-three@inbox.test", ["breaking"]);
  await confirmFromMail(page, "reader-three@inbox.test");
  const now = Date.now();
  await publish("secret-storm-plan", { title: "Draft: storm plan", status: "draft", alert: true, publishedAt: new Date(now - 60_000).toISOString() });
  await publish("harbour-closed-storm", { title: "Harbour closed as storm nears", alert: true, publishedAt: new Date(now - 30_000).toISOString() });
  // An edit of the same alert: not mailed again.
  await publish("harbour-closed-storm", { title: "Harbour closed as storm nears the coast", alert: true, publishedAt: new Date(now - 30_000).toISOString() });
  await publish("storm-passes", { title: "Storm passes without damage", alert: true, publishedAt: new Date(now - 10_000).toISOString() });
  await until("the second alert", () => mailsTo("reader-three@inbox.test").some((m) => m.subject === "Breaking: Storm passes without damage"));
  const alerts = mailsTo("reader-three@inbox.test").filter((m) => /^Breaking: /.test(m.subject)).map((m) => m.subject).sort();
  expect(alerts).toEqual(["Breaking: Harbour closed as storm nears", "Breaking: Storm passes without damage"]);
});

test("an alert scheduled for later is mailed once, when the scheduler publishes it, not before", async ({ page }) => {
  await signUpWithJs(page, ARTICLE, "reader-five@inbox.test", ["breaking"]);
  await confirmFromMail(page, "reader-five@inbox.test");
  // Written and announced now, visible in 15 s: the webhook sees a story that is not out yet.
  const at = new Date(Math.ceil((Date.now() + 15_000) / 1000) * 1000);
  await publish("ferry-timetable-change", { title: "Ferry timetable changes from Monday", alert: true, publishedAt: at.toISOString() });
  expect((await fetch(`${server.base}/news/local/ferry-timetable-change`)).status).toBe(404);
  // Nothing by the scheduler's hand but the scheduler: no webhook, no edit, no restart.
  const alert = await until("the scheduled alert", () => mailsTo("reader-five@inbox.test").find((m) => m.subject === "Breaking: Ferry timetable changes from Monday"), 60_000);
  expect(Date.parse(header(alert, "Date")!)).toBeGreaterThanOrEqual(at.getTime() - 1000); // Date has whole seconds
  expect((await fetch(`${server.base}/news/local/ferry-timetable-change`)).status).toBe(200);
  // An edit after it went out, then another alert as a marker: the scheduled one was mailed once.
  await publish("ferry-timetable-change", { title: "Ferry timetable changes from Monday", alert: true, publishedAt: at.toISOString() }, "The new times, in full.");
  await publish("quay-road-reopens", { title: "Quay Road reopens", alert: true, publishedAt: new Date(Date.now() - 5_000).toISOString() });
  await until("the marker alert", () => mailsTo("reader-five@inbox.test").some((m) => m.subject === "Breaking: Quay Road reopens"));
  expect(mailsTo("reader-five@inbox.test").filter((m) => m.subject === "Breaking: Ferry timetable changes from Monday")).toHaveLength(1);
});

test("an address the mail server refuses (5xx) is marked bounced and not mailed again", async () => {
  const auth = { authorization: `Bearer ${SECRET}` };
  const imported = await fetch(`${server.base}/api/newsletters/subscribers`, { method: "POST", headers: { ...auth, "content-type": "text/csv" }, body: "email,lists\nnobody-here@inbox.test,morning-briefing\nreader-four@inbox.test,morning-briefing\n" });
  expect(await imported.json()).toEqual({ imported: 2, problems: [] });
  await publish("quay-lights", { title: "Quay lights back on", publishedAt: new Date().toISOString() });
  expect(await sendBriefing()).toMatchObject({ created: true, recipients: 2 });
  const exportCsv = async () => (await fetch(`${server.base}/api/newsletters/subscribers`, { headers: auth })).text();
  await until("the bounce", async () => (await exportCsv()).includes("nobody-here@inbox.test,bounced"));
  await until("reader four's briefing", () => mailsTo("reader-four@inbox.test").length === 1);
  await publish("quay-lights-2", { title: "Quay lights switched to LED", publishedAt: new Date().toISOString() });
  expect(await sendBriefing()).toMatchObject({ created: true, recipients: 1 });
  await until("reader four's second briefing", () => mailsTo("reader-four@inbox.test").length === 2);
  expect(await exportCsv()).toContain("nobody-here@inbox.test,bounced,morning-briefing");
});

test("an email as a reader sees it, light and dark", async ({ page }) => {
  const briefing = mailsTo("reader-four@inbox.test").find((m) => /^Morning briefing: /.test(m.subject))!;
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 420, height: 900 });
    await page.setContent(briefing.html);
    await page.screenshot({ path: test.info().outputPath(`briefing-mail-${scheme}.png`), fullPage: true });
  }
  await expect(page.getByRole("link", { name: "Unsubscribe" })).toHaveAttribute("href", /\/api\/newsletters\/unsubscribe\?token=/);
});
