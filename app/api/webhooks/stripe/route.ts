import { revalidatePath } from "next/cache";
import { getStore } from "@/lib/store";
import { handleStripeWebhook } from "@/lib/revenue/webhook";

/** Stripe's webhook: verified, recorded once, counted (lib/revenue/webhook.ts). */
export async function POST(request: Request) {
  return handleStripeWebhook(request, { store: getStore, refresh: () => revalidatePath("/support") });
}
