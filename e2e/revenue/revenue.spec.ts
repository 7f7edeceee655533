import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import Stripe from "stripe";
import revenue from "./env.json";
import { expectNoAxeViolations } from "../support/axe";
import { settledSupporters } from "../support/supporters";

// Reader revenue end to end (issue 30): the donation box → POST → Stripe Checkout (the local
// stand-in) → thank-you page → signed events → the count on /support. One worker: the count is shared.
const ARTICLE = "/news/world-news/calder-strait-ferry-strike";
const NEXT_ARTICLE = "/news/local/fish-market-new-hall";
const STAND_IN = `http://127.0.0.1:${Number(process.env.STRIPE_STAND_IN_PORT) || revenue.standInPort}`;
const stripe = new Stripe(revenue.env.STRIPE_SECRET_KEY, { host: "127.0.0.1", port: new URL(STAND_IN).port, protocol: "http" });

/** This month's supporters as /support shows them (it is rebuilt after each recorded event). */
async function supporters(request: APIRequestContext): Promise<number> {
  const html = await (await request.get("/support")).text();
  const match = /data-testid="support-progress" data-count="(\d+)"/.exec(html);
  return match ? Number(match[1]) : -1;
}
// /support is rebuilt within 10 s of each recorded event; a loaded machine may take a while.
const countBecomes = (request: APIRequestContext, n: number) => expect.poll(() => supporters(request), { timeout: 30_000 }).toBe(n);

/** A sample of the server's metrics (its loopback listener, playwright.revenue.config.ts), 0 when absent. */
const METRICS = `http://127.0.0.1:${Number(process.env.E2E_REVENUE_METRICS_PORT) || (Number(process.env.E2E_REVENUE_PORT) || revenue.port) + 6000}/metrics`;
async function metric(request: APIRequestContext, name: string, labels: string): Promise<number> {
  const text = await (await request.get(METRICS)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && labels.split(",").every((label) => l.includes(label)));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

/** The events the stand-in delivered, newest last. */
async function events(request: APIRequestContext): Promise<{ id: string; type: string; object: string; deliveries: number[] }[]> {
  return (await request.get(`${STAND_IN}/_stand-in/events`)).json();
}
async function delivered(request: APIRequestContext, type: string, object: string) {
  await expect.poll(async () => (await events(request)).some((e) => e.type === type && e.object === object && e.deliveries.some((s) => s >= 200 && s < 300)), { timeout: 15_000 }).toBe(true);
}

async function give(page: Page, { frequency, amount, custom }: { frequency: "Once" | "Monthly" | "Yearly"; amount?: string; custom?: string }) {
  const box = page.getByTestId("donation");
  await box.getByText(frequency, { exact: true }).click();
  if (custom) await box.getByLabel(/Other amount/).fill(custom);
  else await box.locator("fieldset:visible").getByText(amount!, { exact: true }).click();
  await box.getByRole("button", { name: "Pay by card" }).click();
  // The server creates the session with Stripe first (the SDK's first call is slow on a loaded machine).
  await expect(page).toHaveURL(new RegExp(`^${STAND_IN}/pay/cs_`), { timeout: 30_000 });
}

async function pay(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Pay" }).click();
  await expect(page).toHaveURL(/\/support\/thank-you\?session_id=cs_/, { timeout: 30_000 });
  return new URL(page.url()).searchParams.get("session_id")!;
}

test.describe.configure({ mode: "serial" });

test("the box offers once, monthly and yearly with one row of amounts, the card first and PayPal for one-off gifts", async ({ page }) => {
  await page.goto(ARTICLE);
  const box = page.getByTestId("donation");
  await expect(box.getByRole("heading", { name: "Keep the Ledger afloat" })).toBeVisible();
  // Monthly is the default (site.yml), its amounts alone are shown.
  await expect(box.getByRole("radio", { name: "Monthly" })).toBeChecked();
  await expect(box.locator("fieldset:visible label")).toHaveText(["Once", "Monthly", "Yearly", "$3", "$7", "$15"]);
  await expect(box.getByRole("button", { name: /PayPal/ })).toBeHidden();
  await box.getByText("Once", { exact: true }).click();
  await expect(box.locator('fieldset[data-frequency="once"] label')).toHaveText(["$5", "$10", "$25"]);
  await expect(box.locator('fieldset[data-frequency="monthly"]')).toBeHidden();
  await expect(box.getByRole("button", { name: "Give with PayPal" })).toBeVisible();
  // The card link provider is replaced by Stripe Checkout.
  await expect(box.getByText(/Credit card/)).toHaveCount(0);
});

test("a one-off gift: Stripe Checkout, the thank-you page, then a thank-you line instead of the box on the next article without a layout shift", async ({ page, request }) => {
  await page.goto(ARTICLE);
  await give(page, { frequency: "Once", amount: "$10" });
  await expect(page.getByTestId("stand-in-amount")).toHaveText("USD 10.00");
  const sessionId = await pay(page);
  await expect(page.getByTestId("thank-you-given")).toHaveText("$10 — thank you.");
  const cookie = (await page.context().cookies()).find((c) => c.name === "masthead-supporter");
  expect(cookie?.value).toMatch(/^once\.\d+\.[A-Za-z0-9_-]{32}$/);
  // 90 days for a one-off gift.
  expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(89 * 86_400_000);
  await page.getByRole("link", { name: "Back to what you were reading" }).click();
  await expect(page).toHaveURL(new RegExp(`${ARTICLE}$`));

  // Shifts of the story and what follows it (the box, the thank-you line); the site's header has its
  // own checks (a late-sizing "All sections" menu there is not this feature's, and is reported apart).
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: number; headerShifts: number };
    w.shifts = 0;
    w.headerShifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources?: { node?: Node | null }[] })[]) {
        const inHeader = (entry.sources ?? []).every((s) => s.node instanceof Element && s.node.closest("header, nav.sections-strip"));
        if (inHeader && entry.sources?.length) w.headerShifts += entry.value;
        else w.shifts += entry.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(NEXT_ARTICLE);
  await expect(page.getByTestId("support-thanks")).toBeVisible();
  await expect(page.getByTestId("support-thanks")).toContainText("Thank you for supporting The Harbour Ledger.");
  await expect(page.getByTestId("donation")).toBeHidden();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForLoadState("load");
  expect(await page.evaluate(() => (window as unknown as { shifts: number }).shifts)).toBe(0);

  // Recorded from Stripe's event: the payment counts on /support.
  const session = await stripe.checkout.sessions.retrieve(sessionId);
  await delivered(request, "checkout.session.completed", sessionId);
  expect(session.payment_intent).toMatch(/^pi_/);
  expect(await settledSupporters(request, Date.now())).toBeGreaterThanOrEqual(1);
});

test("the article is one cached version for everyone: same headers with and without the supporter cookie, never Vary: Cookie", async ({ request, playwright }) => {
  const anonymous = await request.get(NEXT_ARTICLE);
  const supporter = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${Number(process.env.E2E_REVENUE_PORT) || revenue.port}`, extraHTTPHeaders: { Cookie: "masthead-supporter=once.9999999999.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" } });
  const withCookie = await supporter.get(NEXT_ARTICLE);
  expect(anonymous.headers()["cache-control"]).toMatch(/s-maxage/);
  expect(withCookie.headers()["cache-control"]).toBe(anonymous.headers()["cache-control"]);
  expect(anonymous.headers()["vary"] ?? "").not.toMatch(/cookie/i);
  expect(withCookie.headers()["set-cookie"]).toBeUndefined();
  expect(await withCookie.text()).toBe(await anonymous.text());
  await supporter.dispose();
});

test("a monthly gift by custom amount, counted; a cancelled subscription and a refunded gift reduce the count", async ({ page, request }) => {
  await page.goto(ARTICLE);
  await give(page, { frequency: "Monthly", custom: "7" });
  await expect(page.getByTestId("stand-in-amount")).toHaveText("USD 7.00 every month");
  const monthly = await pay(page);
  await expect(page.getByTestId("thank-you-given")).toHaveText("$7 a month — thank you.");
  await expect(page.getByRole("link", { name: "Manage your support" })).toHaveAttribute("href", "https://billing.stripe.com/p/login/test_harbour_ledger");
  const cookie = (await page.context().cookies()).find((c) => c.name === "masthead-supporter");
  expect(cookie?.value).toMatch(/^month\./);
  await delivered(request, "checkout.session.completed", monthly);
  await expect.poll(async () => (await events(request)).filter((e) => e.type === "invoice.paid").at(-1)?.deliveries.includes(200), { timeout: 15_000 }).toBe(true);
  const afterMonthly = await settledSupporters(request, Date.now());

  await page.context().clearCookies();
  await page.goto(NEXT_ARTICLE);
  await give(page, { frequency: "Once", amount: "$25" });
  const once = await pay(page);
  await countBecomes(request, afterMonthly + 1);

  // The reader cancels the subscription in Stripe's portal; the newsroom refunds the gift.
  const subscription = (await stripe.checkout.sessions.retrieve(monthly)).subscription as string;
  await stripe.subscriptions.cancel(subscription);
  await countBecomes(request, afterMonthly);
  const paymentIntent = (await stripe.checkout.sessions.retrieve(once)).payment_intent as string;
  await stripe.refunds.create({ payment_intent: paymentIntent });
  await countBecomes(request, afterMonthly - 1);
});

test("a replayed event is acknowledged and counted once; a bad signature is refused with 400", async ({ page, request }) => {
  await page.goto(ARTICLE);
  await give(page, { frequency: "Yearly", amount: "$70" });
  const yearly = await pay(page);
  await expect(page.getByTestId("thank-you-given")).toHaveText("$70 a year — thank you.");
  const completed = async () => (await events(request)).find((e) => e.type === "checkout.session.completed" && e.object === yearly);
  await expect.poll(async () => (await completed())?.deliveries.includes(200), { timeout: 15_000 }).toBe(true);
  const before = await settledSupporters(request, Date.now());
  const counted = {
    duplicate: await metric(request, "masthead_stripe_events_total", 'type="checkout.session.completed",outcome="duplicate"'),
    signature: await metric(request, "masthead_stripe_webhook_rejected_total", 'reason="signature"'),
    tooLarge: await metric(request, "masthead_stripe_webhook_rejected_total", 'reason="too_large"'),
  };
  for (let i = 0; i < 3; i++) {
    const resent = await request.post(`${STAND_IN}/_stand-in/events/${(await completed())!.id}/resend`);
    expect((await resent.json()).status).toBe(200);
  }
  expect(await supporters(request)).toBe(before);

  const forged = await request.post("/api/webhooks/stripe", {
    headers: { "Content-Type": "application/json", "Stripe-Signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` },
    data: JSON.stringify({ id: "evt_forged", object: "event", type: "checkout.session.completed", created: 1, data: { object: {} } }),
  });
  expect(forged.status()).toBe(400);
  expect(await forged.text()).not.toMatch(/at .*\.js|Error:/);
  const unsigned = await request.post("/api/webhooks/stripe", { data: "{}" });
  expect(unsigned.status()).toBe(400);
  const huge = await request.post("/api/webhooks/stripe", { headers: { "Stripe-Signature": "t=1,v1=00" }, data: "x".repeat(300 * 1024) });
  expect(huge.status()).toBe(413);
  expect(await supporters(request)).toBe(before);
  // What the operator sees (masthead_stripe_*, docs/deploy.md): three duplicates, three refusals.
  expect(await metric(request, "masthead_stripe_events_total", 'type="checkout.session.completed",outcome="duplicate"')).toBe(counted.duplicate + 3);
  expect(await metric(request, "masthead_stripe_webhook_rejected_total", 'reason="signature"')).toBe(counted.signature + 2);
  expect(await metric(request, "masthead_stripe_webhook_rejected_total", 'reason="too_large"')).toBe(counted.tooLarge + 1);
});

test("a reader's data: the newsroom exports it by a Stripe reference, and forgets it by deleting the customer in Stripe or here", async ({ page, request }) => {
  const auth = { Authorization: `Bearer ${revenue.env.REVALIDATE_SECRET}` };
  await page.context().clearCookies();
  await page.goto(ARTICLE);
  await give(page, { frequency: "Monthly", amount: "$15" });
  const monthly = await pay(page);
  await delivered(request, "checkout.session.completed", monthly);
  const customer = (await stripe.checkout.sessions.retrieve(monthly)).customer as string;
  const before = await settledSupporters(request, Date.now());

  // The reader writes in; the newsroom finds them in Stripe by their email and asks by any reference.
  expect((await request.get(`/api/support/supporters?ref=${monthly}`)).status()).toBe(401);
  expect((await request.get("/api/support/supporters?ref=someone@example.org", { headers: auth })).status()).toBe(400);
  const exported = await request.get(`/api/support/supporters?ref=${monthly}`, { headers: auth });
  expect(exported.status()).toBe(200);
  expect(exported.headers()["cache-control"]).toBe("no-store");
  const data = await exported.json();
  expect(data.customers).toEqual([customer]);
  expect(data.supports).toEqual([expect.objectContaining({ interval: "month", amount_minor: 1500, currency: "USD", status: "active", source_path: ARTICLE })]);
  expect(JSON.stringify(data)).not.toMatch(/@|card|email/i);

  // Deleting the customer in Stripe forgets them here too (and cancels the subscription: not counted).
  await stripe.customers.del(customer);
  await delivered(request, "customer.deleted", customer);
  await expect.poll(async () => (await (await request.get(`/api/support/supporters?ref=${customer}`, { headers: auth })).json()).supports, { timeout: 15_000 }).toEqual([]);
  await countBecomes(request, before - 1);
  // Stripe's cancellation of the subscription, delivered after, does not bring them back.
  await expect.poll(async () => (await events(request)).some((e) => e.type === "customer.subscription.deleted" && e.deliveries.includes(200)), { timeout: 15_000 }).toBe(true);
  expect((await (await request.get(`/api/support/supporters?ref=${monthly}`, { headers: auth })).json()).supports).toEqual([]);

  // Or here, by the gift's reference, when the reader keeps their Stripe customer.
  await page.context().clearCookies();
  await page.goto(NEXT_ARTICLE);
  await give(page, { frequency: "Once", amount: "$5" });
  const once = await pay(page);
  await delivered(request, "checkout.session.completed", once);
  await countBecomes(request, before);
  const forgotten = await request.delete(`/api/support/supporters?ref=${once}`, { headers: auth });
  expect(await forgotten.json()).toEqual({ ref: once, deleted: 1 });
  await countBecomes(request, before - 1);
  expect((await (await request.get(`/api/support/supporters?ref=${once}`, { headers: auth })).json()).supports).toEqual([]);
});

test("a cancelled checkout returns to the article with the box open and a calm note", async ({ page }) => {
  await page.goto(NEXT_ARTICLE);
  await page.context().clearCookies();
  await page.goto(NEXT_ARTICLE);
  await expect(page.getByTestId("support-cancelled")).toBeHidden();
  await give(page, { frequency: "Once", amount: "$5" });
  await page.getByRole("link", { name: "Cancel and go back" }).click();
  await expect(page).toHaveURL(new RegExp(`${NEXT_ARTICLE}#support-cancelled$`));
  await expect(page.getByTestId("support-cancelled")).toBeVisible();
  await expect(page.getByTestId("support-cancelled")).toContainText("nothing was charged");
  await expect(page.getByTestId("donation").getByRole("button", { name: "Pay by card" })).toBeVisible();
});

test("card-testing defence: POST only, same origin only, bounded amounts, and 429 with Retry-After past the limit", async ({ playwright, baseURL }) => {
  const client = (ip: string, origin = baseURL!) => playwright.request.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": ip, Origin: origin } });
  const form = { frequency: "once", "amount-once": "10", way: "card", from: ARTICLE };
  const tester = await client("203.0.113.7");
  expect((await tester.get("/api/support/checkout", { maxRedirects: 0 })).status()).toBe(405);
  const foreign = await client("203.0.113.8", "https://evil.example");
  expect((await foreign.post("/api/support/checkout", { form, maxRedirects: 0 })).status()).toBe(403);
  const crossSite = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.9", Origin: baseURL!, "Sec-Fetch-Site": "cross-site" } });
  expect((await crossSite.post("/api/support/checkout", { form, maxRedirects: 0 })).status()).toBe(403);
  const bounded = await client("203.0.113.10");
  for (const custom of ["0.10", "10001", "-5", "1e9", "abc"]) {
    const response = await bounded.post("/api/support/checkout", { form: { ...form, custom }, maxRedirects: 0 });
    expect(response.status(), custom).toBe(400);
  }
  expect((await bounded.post("/api/support/checkout", { form: { ...form, "amount-once": "11" }, maxRedirects: 0 })).status()).toBe(400);
  expect((await bounded.post("/api/support/checkout", { form: { ...form, frequency: "monthly", way: "paypal", "amount-monthly": "7" }, maxRedirects: 0 })).status()).toBe(400);

  const statuses: number[] = [];
  let refused;
  for (let i = 0; i < 12; i++) {
    const response = await tester.post("/api/support/checkout", { form, maxRedirects: 0 });
    statuses.push(response.status());
    if (response.status() === 429) refused = response;
  }
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
  expect(statuses.slice(10)).toEqual([429, 429]);
  expect(Number(refused!.headers()["retry-after"])).toBeGreaterThan(0);
  // Another reader is not affected.
  const reader = await client("198.51.100.1");
  expect((await reader.post("/api/support/checkout", { form, maxRedirects: 0 })).status()).toBe(303);
  for (const c of [tester, foreign, crossSite, bounded, reader]) await c.dispose();
});

test("without JavaScript the box is a plain form: choose yearly, pay by card", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  const box = page.getByTestId("donation");
  await box.getByText("Yearly", { exact: true }).click();
  await expect(box.locator('fieldset[data-frequency="yearly"]')).toBeVisible();
  await box.locator('fieldset[data-frequency="yearly"]').getByText("$150", { exact: true }).click();
  await box.getByRole("button", { name: "Pay by card" }).click();
  await expect(page.getByTestId("stand-in-amount")).toHaveText("USD 150.00 every year");
  await context.close();
});

for (const scheme of ["light", "dark"] as const) {
  for (const [name, url] of [["an article with the box", ARTICLE], ["/support", "/support"]]) {
    test(`axe: no WCAG 2.1 A/AA violations on ${name} (${scheme})`, async ({ browser }) => {
      await expectNoAxeViolations(browser, url, scheme);
    });
  }
}
