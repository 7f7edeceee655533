import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { getStore } from "@/lib/store";
import { handleStripeWebhook } from "@/lib/revenue/webhook";

/**
 * Stripe's webhook: verified, recorded once, counted (lib/revenue/webhook.ts). /support is refreshed
 * at most once per 10 s: a refresh due later runs in after() of this request — still in its context,
 * where revalidatePath works (an expiry from outside a request did not reach /support: decision 0162).
 */
export async function POST(request: Request) {
  return handleStripeWebhook(request, {
    store: getStore,
    refresh: () => revalidatePath("/support"),
    later: (ms, run) =>
      after(async () => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        run();
      }),
  });
}
